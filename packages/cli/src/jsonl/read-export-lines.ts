import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/** The lines of a file with their 1-based numbers, streamed (never the whole file in memory). */
export async function* readExportLines(file: string): AsyncGenerator<{ line: number; text: string }> {
  const input = createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  try {
    for await (const text of lines) {
      line += 1;
      if (text.trim() === '') continue;
      yield { line, text };
    }
  } finally {
    lines.close();
    input.destroy();
  }
}
