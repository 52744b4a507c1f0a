import { createWriteStream } from 'node:fs';
import { rename, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { CliError } from '../cli/cli-error.js';

/** A file-system error about the temporary file, told about the file the user named. */
function underItsOwnName(error: unknown, temporary: string, out: string): unknown {
  if (typeof error !== 'object' || error === null || (error as { path?: unknown }).path !== temporary)
    return error;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return Object.assign(new Error(String(message).replaceAll(temporary, out), { cause: error }), {
    code,
    path: out,
  });
}

/**
 * Checks that a file can be written at `out`: its directory exists and `out` is not a directory
 * itself (the message names the user's path, never the temporary file written first).
 */
export async function checkOutputTarget(out: string): Promise<void> {
  const directory = dirname(out);
  const found = await stat(directory).catch(() => undefined);
  if (found === undefined || !found.isDirectory())
    throw new CliError(`${directory}: no such directory`, {
      sv: { message: 'katalogen för utdatafilen finns inte' },
    });
  if ((await stat(out).catch(() => undefined))?.isDirectory() === true)
    throw new CliError(`${out}: is a directory, not a file; name a file in it instead`, {
      sv: { message: 'det angivna är en katalog, inte en fil; ange en fil i den i stället' },
    });
}

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
  await checkOutputTarget(out);
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
    throw underItsOwnName(error, temporary, out);
  }
}

/** Writes text to the output, all or nothing. */
export function writeTextOutput(out: string | undefined, stdout: Writable, text: string): Promise<void> {
  return writeOutput(out, stdout, async (sink) => {
    sink.write(text);
  });
}
