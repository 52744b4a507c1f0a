import type { Writable } from 'node:stream';

/** Where the CLI writes: results to `stdout`, messages and progress to `stderr`. */
export interface CliIo {
  readonly stdout: Writable & { readonly isTTY?: boolean };
  readonly stderr: Writable & { readonly isTTY?: boolean };
}

/** The process's own streams. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr };
}

/** Writes one line to a stream. */
export function writeLine(stream: Writable, text = ''): void {
  stream.write(`${text}\n`);
}
