import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { SESSION_MARKS, serviceWithSeries } from './series-fixture.js';

const uuid = (n: number): string => `00000000-0000-4000-8000-4${String(n).padStart(11, '0')}`;
const code = (result: E.Either<{ code: string }, unknown>) =>
  E.isLeft(result) ? result.left.code : 'written';

// A session's contact is a tally with the session's command id: once older than the receipts
// a sheet keeps whole, its retry and its void read it back from the store.
describe('sessions of a series, their tallies voided and retried once they are old', () => {
  it('answers as a service keeping everything in memory would', async () => {
    const { service, token } = await serviceWithSeries(uuid);
    const session = (n: number) =>
      service.recordSession({
        type: 'RecordSession',
        commandId: uuid(100 + n),
        token,
        date: '2026-02-03',
        marks: SESSION_MARKS,
      });
    const first = await session(0);
    expect(E.isRight(first)).toBe(true);
    // Seventy contacts more on the same sheet, through series of their own (a series takes five).
    let written = 0;
    for (let s = 0; written < 70; s += 1) {
      const opened = await service.openSeries({
        type: 'OpenSeries',
        commandId: uuid(2_000 + s),
        interventionId: 'rad-och-stod',
        unitId: 'motesplats',
      });
      if (E.isLeft(opened)) throw new Error(opened.left.code);
      for (let n = 0; n < 5; n += 1) {
        const other = await service.recordSession({
          type: 'RecordSession',
          commandId: uuid(3_000 + 10 * s + n),
          token: opened.right.token,
          date: '2026-02-04',
          marks: SESSION_MARKS,
        });
        if (E.isRight(other)) written += 1;
        expect(E.isRight(other) && other.right.stream).toBe(
          (first as E.Right<{ stream: string }>).right.stream,
        );
      }
    }
    // Retried, the first session is answered with its receipt (it was counted).
    expect(await session(0)).toEqual(first);
    const tally = (first as E.Right<{ tallyId: string; stream: string }>).right;
    const voiding = (n: number) =>
      service.tally({
        type: 'VoidTally',
        commandId: uuid(900 + n),
        interventionId: 'rad-och-stod',
        unitId: 'motesplats',
        period: '2026-02',
        tallyId: tally.tallyId,
        reason: 'registered-by-mistake',
      });
    const [a, b] = await Promise.all([voiding(1), voiding(2)]);
    expect([code(a), code(b)].sort()).toEqual(['TALLY_ALREADY_VOIDED', 'written']);
    expect(code(await voiding(1))).toBe('written');
  });
});
