import { describe, expect, it } from 'vitest';
import { LineTooLong, readLines } from './read-lines.js';

const collect = async (chunks: AsyncIterable<Uint8Array>, max: number) => {
  const lines: string[] = [];
  for await (const { line, bytes } of readLines(chunks, max)) lines.push(`${line}:${bytes.toString('utf8')}`);
  return lines;
};
async function* from(...parts: string[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield Buffer.from(part);
}

describe('reading lines of bounded length', () => {
  it('splits across chunks, drops CR before LF, keeps a last line without LF', async () => {
    expect(await collect(from('ab', 'c\r\nde\n', '\nf', 'g'), 10)).toEqual(['1:abc', '2:de', '3:', '4:fg']);
  });

  it('accepts a line of exactly the limit', async () => {
    expect(await collect(from('12345\n'), 5)).toEqual(['1:12345']);
  });

  it('stops a 600 MB line as soon as it passes the limit, having pulled only what it had to', async () => {
    let pulled = 0;
    async function* endless(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('{"format":"x"}\n');
      const chunk = Buffer.alloc(64 * 1024, 0x41);
      for (let sent = 0; sent < 600 * 1024 * 1024; sent += chunk.length) {
        pulled += chunk.length;
        yield chunk;
      }
    }
    const error = await collect(endless(), 1024 * 1024).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LineTooLong);
    expect((error as LineTooLong).line).toBe(2);
    expect(pulled).toBeLessThanOrEqual(1024 * 1024 + 64 * 1024);
  });
});
