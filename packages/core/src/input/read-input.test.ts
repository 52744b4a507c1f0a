import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { AdoptCatalogueSchema } from '../catalogue/adopt-catalogue.js';
import type { Refusal } from '../refusals/refusal.js';
import { WriteNoteSchema } from '../series/series-commands.js';
import { TallyContactSchema } from '../tally/commands.js';
import { parseInput, parseTallyCommand } from '../tally/parse-tally-command.js';

const tally = (marks: unknown): Record<string, unknown> => ({
  type: 'TallyContact',
  commandId: '00000000-0000-4000-8000-000000000001',
  interventionId: 'motesplats-uppsokande',
  unitId: 'motesplats',
  date: '2025-03-14',
  marks,
});

function refusalOf(result: E.Either<Refusal, unknown>): Refusal {
  if (E.isRight(result)) throw new Error('the input was accepted');
  return result.left;
}

describe('one snapshot of untrusted input, before the guard, the schema and the decider see it', () => {
  it('a getter that shows the guard one value and the decider another is refused', () => {
    let reads = 0;
    const marks = {
      get gender() {
        reads += 1;
        return reads === 1 ? 'female' : '811218-9876';
      },
    };
    expect(refusalOf(parseTallyCommand(tally(marks))).code).toBe('INVALID_INPUT');
  });

  it('a proxy that answers differently on every read is refused', () => {
    let reads = 0;
    const text = new Proxy(
      { token: 'x', commandId: '00000000-0000-4000-8000-000000000001', text: 'ok' },
      { get: (target, key) => (key === 'text' && ++reads > 1 ? '811218-9876' : Reflect.get(target, key)) },
    );
    expect(refusalOf(parseInput(WriteNoteSchema, text)).code).toBe('INVALID_INPUT');
  });

  it('an object with a prototype of its own (whose inherited values a guard would not see) is refused', () => {
    const marks = Object.create({ gender: 'female' }) as Record<string, unknown>;
    expect(refusalOf(parseTallyCommand(tally(marks))).code).toBe('INVALID_INPUT');
    const inherited = Object.create({ text: '811218-9876' }) as Record<string, unknown>;
    inherited.token = 'x';
    inherited.commandId = '00000000-0000-4000-8000-000000000001';
    expect(refusalOf(parseInput(WriteNoteSchema, inherited)).code).toBe('INVALID_INPUT');
  });

  it('a non-enumerable property (hidden from a for…in guard) is refused', () => {
    const marks: Record<string, unknown> = { gender: 'female' };
    Object.defineProperty(marks, 'note', { value: '811218-9876', enumerable: false });
    expect(refusalOf(parseTallyCommand(tally(marks))).code).toBe('INVALID_INPUT');
  });

  it('a symbol-keyed property is refused', () => {
    const marks: Record<PropertyKey, unknown> = { gender: 'female', [Symbol('note')]: '811218-9876' };
    expect(refusalOf(parseTallyCommand(tally(marks))).code).toBe('INVALID_INPUT');
  });

  it.each(['__proto__', 'constructor', 'prototype'])('a %s key is refused, not silently dropped', (key) => {
    const input = JSON.parse(`{"gender":"female","${key}":{"x":1}}`) as unknown;
    const refusal = refusalOf(parseTallyCommand(tally(input)));
    expect(refusal.code).toBe('INVALID_INPUT');
    const visitors = JSON.parse(`{"female":2,"${key}":{"male":1}}`) as unknown;
    const meeting = { ...tally({}), type: 'TallyVisitors', visitors, marks: undefined };
    expect(refusalOf(parseTallyCommand(meeting)).code).toBe('INVALID_INPUT');
  });

  it('input nested deeper than the guard scans is refused, not skipped', () => {
    let deep: unknown = '811218-9876';
    for (let level = 0; level < 40; level += 1) deep = { lisaBerg: deep };
    const refusal = refusalOf(
      parseInput(AdoptCatalogueSchema, {
        type: 'AdoptCatalogue',
        commandId: '00000000-0000-4000-8000-000000000001',
        catalogue: deep,
      }),
    );
    expect(refusal.code).toBe('INVALID_INPUT');
    expect(JSON.stringify(refusal)).not.toContain('lisaBerg');
    expect(JSON.stringify(refusal)).not.toContain('9876');
  });

  it('an over-long field is refused on its length before any scan', () => {
    const note = {
      token: 'x',
      commandId: '00000000-0000-4000-8000-000000000001',
      text: `${'a'.repeat(5_000)} 811218-9876`,
    };
    const refusal = refusalOf(parseInput(WriteNoteSchema, note));
    expect(refusal.code).toBe('INVALID_INPUT');
    const marks = { gender: `${'0 '.repeat(500)}` };
    expect(refusalOf(parseInput(TallyContactSchema, tally(marks))).code).toBe('INVALID_INPUT');
  });

  it('data that is not JSON (functions, bigints, dates, NaN) is refused', () => {
    for (const value of [() => 'female', 10n, new Date(0), Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(refusalOf(parseTallyCommand(tally({ gender: value }))).code).toBe('INVALID_INPUT');
    }
  });

  it('what the schema and the decider get is a plain copy: later changes to the input do not reach it', () => {
    const marks: Record<string, unknown> = { gender: 'female' };
    const input = tally(marks);
    const parsed = parseTallyCommand(input);
    marks.gender = '811218-9876';
    expect(E.isRight(parsed) && parsed.right.type === 'TallyContact' && parsed.right.marks.gender).toBe(
      'female',
    );
  });
});
