import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXPORT_FORMAT } from './export-format.js';
import { isExportFormatError } from './export-format-error.js';
import { createJsonLinesEventStore } from './json-lines-event-store.js';

const dir = mkdtempSync(join(tmpdir(), 'pinnstatistik-jsonl-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const header = JSON.stringify({
  format: EXPORT_FORMAT,
  version: 2,
  exportedAt: '2026-01-15T00:00:00Z',
  source: 'test',
});
const trailer = JSON.stringify({
  format: 'pinnstatistik/log-export-end',
  events: 0,
  treeSize: 0,
  root: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  checkpoint: null,
  eventsAfterCheckpoint: 0,
});
const event = (stream: string, revision: number) =>
  JSON.stringify({
    stream,
    revision,
    position: 'x',
    id: `${stream}-${revision}`,
    type: 'T',
    data: Buffer.from('{}').toString('base64'),
    metadata: Buffer.alloc(34).toString('base64'),
  });

function file(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

const collect = async <T>(iterable: AsyncIterable<T>): Promise<T[]> => {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
};

describe('a JSON Lines export as a read-only event store', () => {
  const log = file('log.jsonl', [header, event('a', 0), event('b', 0), event('a', 1), event('a', 2)]);
  const store = createJsonLinesEventStore(log);

  it('reads all events in file order; a position is the line number', async () => {
    const events = await collect(store.readAll());
    expect(events.map((e) => [e.id, e.position])).toEqual([
      ['a-0', '2'],
      ['b-0', '3'],
      ['a-1', '4'],
      ['a-2', '5'],
    ]);
    expect((await collect(store.readAll({ after: '3', limit: 1 }))).map((e) => e.id)).toEqual(['a-1']);
  });

  it('reads one stream forwards and backwards, from a revision', async () => {
    expect((await collect(store.readStream('a'))).map((e) => e.revision)).toEqual([0, 1, 2]);
    expect(
      (await collect(store.readStream('a', { direction: 'backwards', fromRevision: 1 }))).map(
        (e) => e.revision,
      ),
    ).toEqual([1, 0]);
    expect(await collect(store.readStream('nothing'))).toEqual([]);
  });

  it('catches a subscription up, then waits', async () => {
    const seen: string[] = [];
    const subscription = store.subscribe({ after: '2' }, { onEvent: (e) => void seen.push(e.id) });
    await subscription.caughtUp;
    await subscription.close();
    expect(seen).toEqual(['b-0', 'a-1', 'a-2']);
  });

  it('refuses appends', async () => {
    await expect(store.append('a', [], { expected: 'any' })).rejects.toThrow('read-only');
  });

  it.each([
    ['empty.jsonl', [] as string[], 1, 'the file is empty'],
    ['other.jsonl', ['{"format":"something-else"}'], 1, 'not a pinnstatistik export'],
    [
      'future.jsonl',
      [JSON.stringify({ format: EXPORT_FORMAT, version: 9 })],
      1,
      'version 9 is not supported',
    ],
    ['garbled.jsonl', [header, event('a', 0), '{"stream":'], 3, 'not valid JSON'],
    [
      'shape.jsonl',
      [header, JSON.stringify({ stream: 'a', revision: -1 })],
      2,
      'missing or invalid "revision"',
    ],
    [
      'bytes.jsonl',
      [header, JSON.stringify({ ...JSON.parse(event('a', 0)), data: 'not base64!' })],
      2,
      'missing or invalid "data"',
    ],
    ['after.jsonl', [header, trailer, event('a', 0)], 3, 'content after the trailer (line 2)'],
  ])('names the line of a problem in %s', async (name, lines, line, problem) => {
    const error = await collect(createJsonLinesEventStore(file(name, lines)).readAll()).catch(
      (e: unknown) => e,
    );
    expect(isExportFormatError(error)).toBe(true);
    expect((error as Error).message.startsWith(`${join(dir, name)}, line ${line}: `)).toBe(true);
    expect((error as Error).message).toContain(problem);
  });
});
