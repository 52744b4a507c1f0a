import {
  type CommandService,
  catalogueVersion,
  createChainVerifier,
  createCommandService,
  fixedClock,
  foldSheet,
  periodKeyId,
  readSealedPeriod,
  SERIES_INDEX_STREAM,
  type SheetDetailEvent,
  seededRandom,
  type TallyCommandInput,
  vaggerydCatalogue,
} from '@pinnstatistik/core';
import { collect, recordCommands, seededYear } from '@pinnstatistik/core/testing';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createMemoryEventStore, createMemoryKeyStore } from '../src/index.js';
import { SESSION_MARKS } from './series-fixture.js';

const catalogue = vaggerydCatalogue();
let counter = 0;
const uuid = (): string => {
  counter += 1;
  return `5eed0000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
};

async function setUp(now = '2026-02-20T10:00:00Z') {
  const store = createMemoryEventStore();
  const keys = createMemoryKeyStore();
  const make = (at = now): CommandService =>
    createCommandService({
      store,
      keys,
      catalogueId: 'vaggeryd',
      clock: fixedClock(at),
      random: seededRandom(3),
    });
  const service = make();
  const adopted = await service.adoptCatalogue({ type: 'AdoptCatalogue', commandId: uuid(), catalogue });
  if (E.isLeft(adopted)) throw new Error(adopted.left.code);
  return { store, keys, service, make };
}

async function ok<T>(promise: Promise<E.Either<{ code: string; message: { en: string } }, T>>): Promise<T> {
  const result = await promise;
  if (E.isLeft(result)) throw new Error(`${result.left.code}: ${result.left.message.en}`);
  return result.right;
}

async function refused(promise: Promise<E.Either<{ code: string }, unknown>>): Promise<string> {
  const result = await promise;
  if (E.isRight(result)) throw new Error('expected a refusal');
  return result.left.code;
}

const seal = (period: string) => ({ type: 'SealPeriod' as const, commandId: uuid(), period });
const open = (interventionId: string, unitId: string) => ({
  type: 'OpenSeries' as const,
  commandId: uuid(),
  interventionId,
  unitId,
});
const note = (token: string, text: string) => ({
  type: 'WriteNote' as const,
  commandId: uuid(),
  token,
  text,
});
const held = (store: { storedBytes(): Uint8Array[] }): string =>
  Buffer.concat(store.storedBytes()).toString('utf8');

const session = (token: string, date: string, overrides: Record<string, unknown> = {}) => ({
  type: 'RecordSession' as const,
  token,
  commandId: uuid(),
  date,
  marks: SESSION_MARKS,
  ...overrides,
});

describe('sealed periods', () => {
  it('keeps intervention and unit out of every detail stream name and registry entry', async () => {
    const { store, service } = await setUp();
    await recordCommands(service, catalogue, seededYear({ catalogue, year: 2025, seed: 1, volume: 0.05 }));
    const streams = new Set((await collect(store.readAll())).map((event) => event.stream));
    const detail = [...streams].filter((stream) => stream.startsWith('tally-'));
    // One detail stream a month, however many sheets (intervention × unit) the month has.
    expect(detail).toHaveLength(12);
    for (const stream of detail) expect(stream).toMatch(/^tally-2025-\d\d-[0-9a-f]{32}$/);
    const registry = await collect(store.readStream('registry-2025-03'));
    expect(registry).toHaveLength(1);
    expect(new Set(registry.map((entry) => entry.type))).toEqual(new Set(['Encrypted']));
    expect(new Set(registry.map((entry) => entry.data.length)).size).toBe(1);
    for (const entry of registry)
      expect(Buffer.from(entry.data).toString('latin1')).not.toMatch(
        /familjecentral|motesplats|rad-och-stod/,
      );
  });

  it('refuses sealing before the grace period is over, and names the first day it may', async () => {
    const { make } = await setUp();
    const early = await make('2025-04-10T12:00:00Z').sealPeriod(seal('2025-03'));
    expect(E.isLeft(early) && early.left).toMatchObject({ code: 'SEAL_TOO_EARLY', earliest: '2025-04-16' });
    expect(E.isRight(await make('2025-04-16T00:00:01Z').sealPeriod(seal('2025-03')))).toBe(true);
  });

  it('replaces the detail by its tables, destroys the key, and refuses later tallies with what to do instead', async () => {
    const { store, keys, service } = await setUp();
    await recordCommands(service, catalogue, seededYear({ catalogue, year: 2025, seed: 2, volume: 0.1 }));
    const report = await ok(service.sealPeriod(seal('2025-05')));
    expect(report.sheets).toBeGreaterThan(10);
    expect(await keys.get(periodKeyId('2025-05'))).toBeUndefined();
    expect(await keys.get(periodKeyId('2025-06'))).toBeDefined();
    expect((await collect(store.readAll())).filter((event) => event.stream.includes('2025-05-'))).toEqual([]);
    const late = await service.tally({
      type: 'TallyContact' as const,
      commandId: uuid(),
      interventionId: 'motesplats-uppsokande',
      unitId: 'motesplats',
      date: '2025-05-30',
      marks: { gender: 'male' },
    });
    expect(E.isLeft(late) && late.left.code).toBe('SHEET_SEALED');
    expect(E.isLeft(late) && late.left.message.en).toContain('AmendSheet');
    const verifier = createChainVerifier();
    expect((await collect(store.readAll())).map((event) => verifier.check(event)).filter(Boolean)).toEqual(
      [],
    );
  });

  it('corrects a sealed sheet only by an amendment with a delta and a reason code', async () => {
    const { store, service } = await setUp();
    const amendment = {
      type: 'AmendSheet' as const,
      commandId: uuid(),
      interventionId: 'motesplats-uppsokande',
      unitId: 'motesplats',
      period: '2025-05',
      change: 1 as const,
      tally: { type: 'contact' as const, marks: { gender: 'male' } },
      reason: 'late-tally' as const,
    };
    expect(await refused(service.amendSheet(amendment))).toBe('PERIOD_NOT_SEALED');
    await ok(service.sealPeriod(seal('2025-05')));
    await ok(service.amendSheet(amendment));
    expect(
      await refused(
        service.amendSheet({
          ...amendment,
          commandId: uuid(),
          tally: { type: 'contact' as const, marks: { gender: 'x' } },
        }),
      ),
    ).toBe('VALUE_NOT_IN_CODE_LIST');
    const { amendments } = await readSealedPeriod(store, '2025-05');
    expect(amendments).toHaveLength(1);
    expect(amendments[0]).toMatchObject({
      reason: 'late-tally',
      delta: { contacts: 1, marginals: { gender: { male: 1 } } },
    });
  });

  it('statistics from the sealed tables equal those folded from the detail before sealing (seeded workloads)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 12 }),
        async (seed, month) => {
          const { store, keys, service } = await setUp();
          const period = `2025-${String(month).padStart(2, '0')}`;
          const commands = seededYear({ catalogue, year: 2025, seed, volume: 0.3 }).filter(
            (command) => 'date' in command && command.date.startsWith(period),
          );
          const receipts = [];
          for (const command of commands.filter(
            (c) => c.interventionId !== 'rad-och-stod' && c.interventionId !== 'familjecentral-hembesok-bhv',
          ))
            receipts.push(await ok(service.tally(command)));
          // void a few, as real sheets have
          for (const receipt of receipts.filter((_, index) => index % 17 === 0)) {
            const command = commands.find((candidate) => candidate.commandId === receipt.tallyId) as {
              interventionId: string;
              unitId: string;
            };
            await ok(
              service.tally({
                type: 'VoidTally' as const,
                commandId: uuid(),
                interventionId: command.interventionId,
                unitId: command.unitId,
                period,
                tallyId: receipt.tallyId,
                reason: 'duplicate',
              }),
            );
          }
          // fold the detail while the key exists, as a projection of the open period would
          const key = await keys.get(periodKeyId(period));
          expect(key).toBeDefined();
          const before = new Map<string, unknown>();
          const { createKeyRingForTests } = await import('./key-ring-for-tests.js');
          const ring = createKeyRingForTests(keys);
          const open = await ring(periodKeyId(period));
          const bySheet = new Map<string, SheetDetailEvent[]>();
          for (const recorded of await collect(store.readAll())) {
            if (!recorded.stream.startsWith(`tally-${period}`)) continue;
            // A month's sheets share its one detail stream: each event names its sheet.
            const event = open(recorded);
            const sheet = `${event.data.interventionId}/${event.data.unitId}`;
            bySheet.set(sheet, [...(bySheet.get(sheet) ?? []), event]);
          }
          for (const events of bySheet.values()) {
            const first = events[0] as { data: { interventionId: string; unitId: string } };
            const policyTabs = (version: string) =>
              catalogueVersion([catalogue], version)?.interventions.find(
                (policy) => policy.id === first.data.interventionId,
              )?.tally.contact?.crossTabulations ?? [];
            before.set(`${first.data.interventionId}/${first.data.unitId}`, foldSheet(events, policyTabs));
          }
          await ok(service.sealPeriod(seal(period)));
          const { sheets } = await readSealedPeriod(store, period);
          expect(sheets).toHaveLength(before.size);
          for (const sheet of sheets) {
            expect(sheet.tables).toEqual(before.get(`${sheet.interventionId}/${sheet.unitId}`));
          }
        },
      ),
      { numRuns: 8 },
    );
  });
});

describe('series', () => {
  it('stops råd och stöd at five connected sessions and says what the rules offer instead', async () => {
    const { service } = await setUp();
    const { token, maxContacts } = await ok(service.openSeries(open('rad-och-stod', 'mottaget-my')));
    expect(maxContacts).toBe(5);
    for (let day = 1; day <= 5; day += 1) await ok(service.recordSession(session(token, `2025-10-0${day}`)));
    const sixth = await service.recordSession(session(token, '2025-10-08'));
    expect(E.isLeft(sixth) && sixth.left.code).toBe('SERIES_LIMIT_REACHED');
    expect(E.isLeft(sixth) && sixth.left.message.sv).toContain('ansöka om bistånd');
    expect(E.isLeft(sixth) && sixth.left.message.en).toContain('needs-assessed');
  });

  it('allows at most three joint home visits per family (row 4), and no working notes for them', async () => {
    const { service } = await setUp();
    const { token } = await ok(service.openSeries(open('familjecentral-hembesok-bhv', 'familjecentral')));
    for (let visit = 1; visit <= 3; visit += 1)
      await ok(service.recordSession(session(token, `2025-10-1${visit}`, { marks: {} })));
    expect(await refused(service.recordSession(session(token, '2025-10-20', { marks: {} })))).toBe(
      'SERIES_LIMIT_REACHED',
    );
    expect(await refused(service.writeNote(note(token, 'Mamma vill ha tips om sömn.')))).toBe(
      'WORKING_NOTES_NOT_ALLOWED',
    );
  });

  it('refuses a series for interventions without one, exempt ones and units not responsible', async () => {
    const { service } = await setUp();
    expect(await refused(service.openSeries(open('motesplats-uppsokande', 'motesplats')))).toBe(
      'SERIES_NOT_OFFERED',
    );
    expect(await refused(service.openSeries(open('faltare-uppsokande', 'faltare')))).toBe(
      'DOCUMENTATION_EXEMPT',
    );
    expect(await refused(service.openSeries(open('rad-och-stod', 'familjecentral')))).toBe(
      'UNIT_NOT_RESPONSIBLE',
    );
    expect(
      await refused(
        // @ts-expect-error: an identity is not even in the command's type
        service.openSeries({ ...open('rad-och-stod', 'motesplats'), name: 'Anna' }),
      ),
    ).toBe('INVALID_INPUT');
  });

  it('catches a mistyped token and an unknown one', async () => {
    const { service } = await setUp();
    const first = open('anhorigstod', 'motesplats');
    const { token } = await ok(service.openSeries(first));
    const typo = (token[0] === 'A' ? 'B' : 'A') + token.slice(1);
    expect(await refused(service.readNotes({ token: typo }))).toBe('INVALID_SERIES_TOKEN');
    const other = await ok(service.openSeries(open('anhorigstod', 'motesplats')));
    expect(other.token).not.toBe(token);
    expect((await ok(service.openSeries(first))).token, 'a retried open returns the same series').toBe(token);
    expect(await refused(service.openSeries({ ...first, unitId: 'familjecentral' }))).toBe(
      'UNIT_NOT_RESPONSIBLE',
    );
    expect(await ok(service.readNotes({ token: token.toLowerCase() }))).toEqual([]);
  });

  it('keeps working notes encrypted, refuses personal data in them without echoing it, and bounds their size', async () => {
    const { store, service } = await setUp();
    const { token } = await ok(service.openSeries(open('rad-och-stod', 'motesplats')));
    await ok(service.writeNote(note(token, 'Fortsätt med sömnrutiner; pappan oroad över skolan.')));
    const pnr = await service.writeNote(note(token, 'Ring mamman, pnr 19121212-1212'));
    expect(E.isLeft(pnr) && pnr.left.code).toBe('PERSONAL_DATA_DETECTED');
    expect(JSON.stringify(pnr)).not.toContain('1212-1212');
    expect(await refused(service.writeNote(note(token, 'x'.repeat(2001))))).toBe('INVALID_INPUT');
    expect((await ok(service.readNotes({ token }))).map((note) => note.text)).toEqual([
      'Fortsätt med sömnrutiner; pappan oroad över skolan.',
    ]);
    expect(held(store)).not.toContain('sömnrutiner');
  });

  it('closing deletes the series and destroys its key and every note; only why and how many notes stay', async () => {
    const { store, keys, make } = await setUp('2025-11-20T10:00:00Z');
    const service = make('2025-11-20T10:00:00Z');
    const { token } = await ok(service.openSeries(open('rad-och-stod', 'motesplats')));
    await ok(service.recordSession(session(token, '2025-11-03')));
    await ok(service.recordSession(session(token, '2025-11-10')));
    await ok(service.writeNote(note(token, 'Pratade om sorgen efter mormor.')));
    const keysBefore = keys.size;
    const close = { type: 'CloseSeries' as const, commandId: uuid(), token, reason: 'completed' as const };
    expect(await ok(service.closeSeries(close))).toEqual({
      contacts: 2,
      notesDestroyed: 1,
      reason: 'completed',
    });
    expect(await ok(service.closeSeries(close)), 'a retried close says what the first did').toEqual({
      notesDestroyed: 1,
      reason: 'completed',
    });
    expect(keys.size).toBe(keysBefore - 1);
    expect(await refused(service.readNotes({ token }))).toBe('SERIES_CLOSED');
    expect(await refused(service.recordSession(session(token, '2025-11-17')))).toBe('SERIES_CLOSED');
    const index = await collect(store.readStream(SERIES_INDEX_STREAM));
    const closed = index.map((event) => JSON.parse(Buffer.from(event.data).toString('utf8')).data);
    expect(closed[0]).toMatchObject({ reason: 'completed', notesDestroyed: 1 });
    expect(Object.keys(closed[0]).sort()).toEqual([
      'head',
      'notesDestroyed',
      'proofs',
      'reason',
      'root',
      'series',
      'size',
    ]);
    expect(held(store)).not.toContain('sorgen efter mormor');
    await ok(make('2025-12-20T10:00:00Z').sealPeriod(seal('2025-11')));
    const { sheets } = await readSealedPeriod(store, '2025-11');
    expect(sheets.find((sheet) => sheet.interventionId === 'rad-och-stod')?.tables.seriesLengths).toEqual({
      '2': 1,
    });
  });

  it('expires series idle past the retention, and tallies their end in the month they close, never as an amendment', async () => {
    const { store, make } = await setUp('2025-11-20T10:00:00Z');
    const november = make('2025-11-20T10:00:00Z');
    const idle = await ok(
      november.openSeries(open('ungdomsmottagning-enskilda-samtal', 'ungdomsmottagningen')),
    );
    await ok(
      november.recordSession({
        ...session(idle.token, '2025-11-19'),
        marks: { gender: 'male', individualAge: 17, problemArea: 'mental-health', routeIn: 'school' },
      }),
    );
    const active = await ok(november.openSeries(open('anhorigstod', 'motesplats')));
    const later = make('2026-03-01T10:00:00Z');
    await ok(later.sealPeriod(seal('2025-11')));
    await ok(later.writeNote(note(active.token, 'Nästa gång: prata om gränssättning.')));
    expect(await later.expireSeries()).toEqual({ expired: 1, open: 1 });
    expect(await refused(later.readNotes({ token: idle.token }))).toBe('SERIES_CLOSED');
    expect((await readSealedPeriod(store, '2025-11')).amendments).toEqual([]);
    await ok(make('2026-04-20T10:00:00Z').sealPeriod(seal('2026-03')));
    const { sheets } = await readSealedPeriod(store, '2026-03');
    expect(sheets.map((sheet) => [sheet.interventionId, sheet.tables.seriesLengths])).toEqual([
      ['ungdomsmottagning-enskilda-samtal', { '1': 1 }],
    ]);
    const index = (await collect(store.readStream(SERIES_INDEX_STREAM))).map(
      (event) => JSON.parse(Buffer.from(event.data).toString('utf8')).data,
    );
    expect(index.filter((entry) => 'reason' in entry)).toMatchObject([
      { reason: 'retention-expired', notesDestroyed: 0 },
    ]);
  });
});

describe('what stays at rest', () => {
  it('after sealing and closing series, no byte in the stores holds a mark, a token or a note in clear', async () => {
    const { store, service, make } = await setUp('2025-12-10T10:00:00Z');
    const markCodes = new Set<string>();
    const commands: TallyCommandInput[] = seededYear({ catalogue, year: 2025, seed: 9, volume: 0.05 }).filter(
      (c) => 'date' in c && c.date < '2025-12',
    );
    await recordCommands(service, catalogue, commands);
    for (const command of commands)
      if (command.type === 'TallyContact')
        for (const value of Object.values(command.marks ?? {})) markCodes.add(String(value));
    const tokens: string[] = [];
    const notes = ['Barnet sover dåligt sedan flytten.', 'Mamman vill träffa en familjebehandlare.'];
    for (const note of notes) {
      const { token } = await ok(service.openSeries(open('rad-och-stod', 'familj-och-ungdomsteamet')));
      tokens.push(token);
      await ok(service.recordSession(session(token, '2025-11-12')));
      await ok(service.writeNote({ type: 'WriteNote', token, commandId: uuid(), text: note }));
      await ok(service.closeSeries({ type: 'CloseSeries', commandId: uuid(), token, reason: 'completed' }));
    }
    const later = make('2026-01-20T10:00:00Z');
    await later.expireSeries();
    for (let month = 1; month <= 12; month += 1)
      await ok(later.sealPeriod(seal(`2025-${String(month).padStart(2, '0')}`)));
    const bytes = held(store);
    for (const token of tokens) {
      expect(bytes).not.toContain(token);
      expect(bytes).not.toContain(token.replaceAll('-', ''));
    }
    for (const note of notes) expect(bytes).not.toContain(note.slice(0, 20));
    // Everything but the public catalogue and the sealed aggregates names no code, intervention or unit.
    const detail = (await collect(store.readAll())).filter(
      (event) => !['CatalogueAdopted', 'SheetsSealed', 'SheetAmended', 'PeriodSealed'].includes(event.type),
    );
    const detailBytes = detail.map((event) => Buffer.from(event.data).toString('utf8')).join('\n');
    const named = [
      ...markCodes,
      ...catalogue.interventions.map((policy) => policy.id),
      ...catalogue.units.map((unit) => unit.id),
    ].filter((value) => value.length > 3 && Number.isNaN(Number(value)));
    for (const value of named)
      expect(detailBytes.includes(`"${value}"`), `"${value}" found in clear detail`).toBe(false);
  });
});
