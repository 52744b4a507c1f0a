import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRevisionTable, type Fingerprinter } from './revision-table.js';

// The compact index of a sheet: what it answers must be what a plain map of every entry
// answers — every revision entered under the key (below the bound) is a candidate.

const model = (entries: readonly (readonly [string, number])[], key: string, below: number) =>
  entries.filter(([entered, revision]) => entered === key && revision < below).map(([, r]) => r);

describe('a revision table', () => {
  it('names every revision entered under a key below the bound, as a map of all entries would', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), fc.nat(300)), { maxLength: 200 }),
        fc.nat(320),
        (entries, below) => {
          const table = createRevisionTable(2);
          for (const [key, revision] of entries) table.add(key, revision);
          for (const key of ['a', 'b', 'c', 'd', 'e', 'f', 'g']) {
            const found = table.candidates(key, below);
            // A fingerprint shared by another key may add candidates; it never loses one.
            for (const revision of model(entries, key, below)) expect(found).toContain(revision);
          }
          const copy = table.copyBelow(below);
          expect(copy.size).toBe(entries.filter(([, revision]) => revision < below).length);
          for (const key of ['a', 'b', 'c'])
            expect(copy.candidates(key, Number.MAX_SAFE_INTEGER)).toEqual(table.candidates(key, below));
        },
      ),
    );
  });

  it('keeps 100,000 keys apart: no key is named a candidate of another', () => {
    const table = createRevisionTable();
    for (let revision = 0; revision < 100_000; revision += 1) table.add(`command-${revision}`, revision);
    let strangers = 0;
    for (let revision = 0; revision < 100_000; revision += 1)
      strangers += table.candidates(`command-${revision}`, 100_000).length - 1;
    expect(strangers).toBe(0);
    expect(table.candidates('command-never', 100_000)).toEqual([]);
  });

  it('with every key on one fingerprint, names every entry a candidate (the caller confirms)', () => {
    const colliding: Fingerprinter = (_key, into) => {
      into[0] = 7;
      into[1] = 7;
    };
    const table = createRevisionTable(4, colliding);
    table.add('a', 0);
    table.add('b', 1);
    table.add('c', 5);
    expect(table.candidates('z', 10)).toEqual([0, 1, 5]);
    expect(table.candidates('z', 5)).toEqual([0, 1]);
  });
});
