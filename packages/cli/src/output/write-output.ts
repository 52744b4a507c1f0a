import { createWriteStream } from 'node:fs';
import { rename, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { CliError } from '../cli/cli-error.js';

/**
 * Runs `produce` against the output: standard output when `out` is absent, else a file written
 * all or nothing — into a temporary file beside it, renamed into place only once `produce`
 * succeeded, removed otherwise (a failed command leaves no half-written file behind).
 */
export async function writeOutput<T>(
  out: string | undefined,
  stdout: Writable,
  produce: (sink: Writable) => Promise<T>,
): Promise<T> {
  if (out === undefined) return produce(stdout);
  const directory = dirname(out);
  const found = await stat(directory).catch(() => undefined);
  if (found === undefined || !found.isDirectory()) throw new CliError(`${directory}: no such directory`);
  const temporary = `${out}.partial-${process.pid}`;
  const sink = createWriteStream(temporary, { mode: 0o644 });
  try {
    const result = await produce(sink);
    sink.end();
    await finished(sink);
    await rename(temporary, out);
    return result;
  } catch (error) {
    sink.destroy();
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

/** Writes text to the output, all or nothing. */
export function writeTextOutput(out: string | undefined, stdout: Writable, text: string): Promise<void> {
  return writeOutput(out, stdout, async (sink) => {
    sink.write(text);
  });
}
