import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import {
  type CommandService,
  createCommandService,
  fixedClock,
  REFUSAL_CODES,
  type Refusal,
  refuse,
  seededRandom,
  vaggerydCatalogue,
} from '@pinnstatistik/core';
import { cellKeyLegend, legend } from '@pinnstatistik/projections';
import { createMemoryEventStore, createMemoryKeyStore } from '@pinnstatistik/store-memory';
import { type Finding, findings } from '@pinnstatistik/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run-cli.js';
import { runBin } from './run-bin.js';
import {
  catalogueTableWithoutIds,
  csvWithoutIdColumns,
  englishOrIds,
  visibleHtmlText,
} from './swedish-words.js';
import { type YearLog, yearLog } from './year-log.js';

// Every Swedish text a user sees — every refusal, every report legend, what the CLI prints with
// --lang sv, the HTML report — read for English words and the catalogue's ids. Codes, JSON
// Pointers, stream names and the CSV's id columns are machine-facing and exempt (swedish-words.ts).

const catalogue = vaggerydCatalogue();
const uuid = (n: number): string => `5e0d1a00-0000-4000-8000-${String(n).padStart(12, '0')}`;
const marks = {
  gender: 'female',
  childAges: [9, 4],
  numberOfChildren: 2,
  problemArea: 'family-conflict',
  routeIn: 'school',
  furtherAction: 'none',
};
const counselling = {
  type: 'TallyContact',
  interventionId: 'familjecentral-enskilda-samtal',
  unitId: 'familjecentral',
  date: '2025-06-10',
  marks: {
    gender: 'female',
    adultAge: 31,
    numberOfChildren: 1,
    household: 'cohabiting',
    problemArea: 'parenting',
    routeIn: 'child-health-care',
    furtherAction: 'none',
  },
};

type Either = { _tag: 'Left'; left: Refusal } | { _tag: 'Right'; right: unknown };

/** Every refusal the service gives for a realistic mistake, by code (several per code where wordings differ). */
async function refusalsThroughTheService(): Promise<Refusal[]> {
  const store = createMemoryEventStore();
  const keys = createMemoryKeyStore(seededRandom(2));
  const at = (day: string): CommandService =>
    createCommandService({
      store,
      keys,
      catalogueId: 'vaggeryd',
      clock: fixedClock(`${day}T09:00:00Z`),
      random: seededRandom(1),
    });
  const service = at('2025-06-20');
  let n = 0;
  const id = () => {
    n += 1;
    return uuid(n);
  };
  const refused: Refusal[] = [];
  const must = async <T>(result: Promise<{ _tag: string; right?: T; left?: Refusal }>): Promise<T> => {
    const done = await result;
    if (done._tag === 'Left') throw new Error(`${done.left?.code}: ${done.left?.message.en}`);
    return done.right as T;
  };
  const expectRefusal = async (result: Promise<unknown>) => {
    const done = (await result) as Either;
    if (done._tag !== 'Left') throw new Error('accepted, expected a refusal');
    refused.push(done.left);
  };
  const s = service as unknown as Record<string, (input: unknown) => Promise<Either>>;
  const call = (method: string, input: unknown) =>
    expectRefusal((s[method] as (i: unknown) => Promise<Either>)(input));

  await must(service.adoptCatalogue({ type: 'AdoptCatalogue', commandId: id(), catalogue }));
  const outreach = (date: string, commandId = id()) => ({
    type: 'TallyContact' as const,
    commandId,
    interventionId: 'motesplats-uppsokande',
    unitId: 'motesplats',
    date,
    marks: { gender: 'male' },
  });
  await must(service.tally(outreach('2025-03-10')));
  const june = id();
  const juneTally = await must<{ tallyId?: string }>(service.tally(outreach('2025-06-10', june)));
  await must(service.sealPeriod({ type: 'SealPeriod', commandId: id(), period: '2025-03' }));
  const open = (interventionId: string, unitId: string) =>
    must<{ token: string }>(
      service.openSeries({ type: 'OpenSeries', commandId: id(), interventionId, unitId }),
    );
  const full = await open('rad-och-stod', 'motesplats');
  for (let day = 1; day <= 5; day += 1)
    await must(
      service.recordSession({
        type: 'RecordSession',
        token: full.token,
        commandId: id(),
        date: `2025-06-0${day}`,
        marks,
      }),
    );
  const closed = await open('rad-och-stod', 'motesplats');
  await must(
    service.closeSeries({ type: 'CloseSeries', commandId: id(), token: closed.token, reason: 'completed' }),
  );
  const visits = await open('familjecentral-hembesok-bhv', 'familjecentral');
  const live = await open('rad-och-stod', 'motesplats');
  const typo = `${live.token.slice(0, -1)}${live.token.endsWith('A') ? 'B' : 'A'}`;

  const tally = (extra: object) => call('tally', { ...counselling, commandId: id(), ...extra });
  await tally({ interventionId: 'faltare-uppsokande', unitId: 'faltare', marks: {} });
  await tally({ interventionId: 'trygghetslarm', unitId: 'aldreomsorgen', marks: {} });
  await tally({ interventionId: 'uppsokande-verksamhet' });
  await tally({ unitId: 'motesplats' });
  await tally({ unitId: 'stadsbiblioteket' });
  await call('tally', {
    type: 'TallyVisitors',
    commandId: id(),
    interventionId: counselling.interventionId,
    unitId: counselling.unitId,
    date: counselling.date,
    visitors: { female: 2 },
  });
  await call('tally', {
    type: 'TallyGroupMeeting',
    commandId: id(),
    interventionId: 'ungdomsmottagning-gruppverksamhet',
    unitId: 'ungdomsmottagningen',
    date: counselling.date,
    participants: { adults: { female: 2 } },
  });
  await call('tally', {
    type: 'TallyVisitors',
    commandId: id(),
    interventionId: 'motesplats-oppen-verksamhet',
    unitId: 'motesplats',
    date: counselling.date,
    visitors: { okand: 2 },
  });
  await tally({ marks: { ...counselling.marks, relationToRelative: 'parent' } });
  await tally({ marks: { ...counselling.marks, hemligt: 'parent' } });
  const { routeIn: _routeIn, ...withoutRouteIn } = counselling.marks;
  await tally({ marks: withoutRouteIn });
  await tally({
    interventionId: 'rorligt-elevstod',
    unitId: 'rorligt-elevstod',
    marks: { gender: 'male', problemArea: 'school-situation' },
  });
  await tally({
    interventionId: 'rorligt-elevstod',
    unitId: 'rorligt-elevstod',
    marks: { gender: 'male', pupilAge: 12, adultAge: 40, problemArea: 'school-situation' },
  });
  await tally({ marks: { ...counselling.marks, problemArea: 'pappan dricker' } });
  await tally({ marks: { ...counselling.marks, numberOfChildren: 'många' } });
  await tally({ marks: { ...counselling.marks, adultAge: 'gammal' } });
  await tally({
    interventionId: 'faltare-allvarssamtal',
    unitId: 'faltare',
    marks: { gender: 'male', individualAge: 12, problemArea: 'norm-breaking', routeIn: 'school' },
  });
  await tally({ date: '2024-11-20' });
  await tally({ marks: { ...counselling.marks, routeIn: '19850709-9805' } });
  await tally({ comment: 'mamman verkade trött' });
  await tally({ date: '2025-07-04' });
  await tally({
    date: '2025-03-11',
    interventionId: 'motesplats-uppsokande',
    unitId: 'motesplats',
    marks: { gender: 'male' },
  });
  await tally({ interventionId: 'rad-och-stod', unitId: 'motesplats', marks });
  await call('tally', { ...outreach('2025-06-10', june), marks: { gender: 'female' } });
  const voidTally = (tallyId: string) => ({
    type: 'VoidTally',
    commandId: id(),
    interventionId: 'motesplats-uppsokande',
    unitId: 'motesplats',
    period: '2025-06',
    tallyId,
    reason: 'duplicate',
  });
  await call('tally', voidTally(uuid(9999)));
  const tallyId = juneTally.tallyId ?? june;
  const voided = (await s.tally?.(voidTally(tallyId))) as Either;
  if (voided._tag === 'Right') await call('tally', voidTally(tallyId));

  const session = (token: string, extra: object = {}) => ({
    type: 'RecordSession',
    token,
    commandId: id(),
    date: '2025-06-15',
    marks,
    ...extra,
  });
  await call('recordSession', session(full.token));
  await call('recordSession', session(closed.token));
  await call('recordSession', session(typo));
  await call('recordSession', session(live.token, { marks: { ...marks, childAges: [9] } }));
  await call('writeNote', {
    type: 'WriteNote',
    token: visits.token,
    commandId: id(),
    text: 'Nästa besök: vikt.',
  });
  await call('writeNote', {
    type: 'WriteNote',
    token: live.token,
    commandId: id(),
    text: 'Ring 070-123 45 67.',
  });
  await call('openSeries', {
    type: 'OpenSeries',
    commandId: id(),
    interventionId: 'motesplats-uppsokande',
    unitId: 'motesplats',
  });
  await call('sealPeriod', { type: 'SealPeriod', commandId: id(), period: '2025-06' });
  const amend = (period: string, tallyMarks: object) => ({
    type: 'AmendSheet',
    commandId: id(),
    interventionId: 'motesplats-uppsokande',
    unitId: 'motesplats',
    period,
    change: 1,
    tally: { type: 'contact', marks: tallyMarks },
    reason: 'late-tally',
  });
  await call('amendSheet', amend('2025-06', { gender: 'male' }));
  await call('adoptCatalogue', {
    type: 'AdoptCatalogue',
    commandId: id(),
    catalogue: { ...catalogue, effectiveFrom: '2025-02-01' },
  });
  await call('adoptCatalogue', {
    type: 'AdoptCatalogue',
    commandId: id(),
    catalogue: { ...catalogue, interventions: 'none' },
  });
  await call('adoptCatalogue', {
    type: 'AdoptCatalogue',
    commandId: id(),
    catalogue: { ...catalogue, extra: 1 },
  });
  // A well-formed token no series has: the closed one's stream is gone, so take a fresh checksum-valid one.
  await call('closeSeries', { type: 'CloseSeries', commandId: id(), token: typo, reason: 'completed' });
  return refused;
}

/** Refusals no ordinary mistake reaches in memory (a store that fails, a series unknown to a log, an old log's catalogue, a key destroyed outside). */
const infrastructureRefusals = (): Refusal[] => [
  refuse.catalogueNotRegistered(),
  refuse.commandIdTaken(),
  refuse.concurrencyConflict('tally-2025-06-0f3a'),
  refuse.eventTooLarge(),
  refuse.periodKeyLost('2025-06'),
  refuse.storeUnavailable('not-written'),
  refuse.storeUnavailable('unknown'),
  refuse.unknownSeries(),
];

/** What another system might have written into a log, as the compliance audit finds it. */
async function auditFindings(): Promise<readonly Finding[]> {
  let n = 0;
  const contact = (
    interventionId: string,
    unitId: string,
    marks: Record<string, string>,
    extra: object = {},
  ) => {
    n += 1;
    return {
      type: 'ContactTallied',
      data: {
        tallyId: uuid(5000 + n),
        interventionId,
        unitId,
        period: '2025-03',
        catalogueVersion: catalogue.version,
        marks,
        ...extra,
      },
    };
  };
  const ended = (interventionId: string, unitId: string, contacts: number) => ({
    type: 'SeriesEnded',
    data: { interventionId, unitId, period: '2025-03', contacts },
  });
  return findings(
    [
      contact('faltare-uppsokande', 'faltare', {}),
      contact('trygghetslarm', 'aldreomsorgen', {}),
      contact('motesplats-uppsokande', 'motesplats', { gender: 'male', routeIn: 'school' }),
      contact('motesplats-uppsokande', 'motesplats', { gender: 'male', hemligt: 'x' }),
      contact('motesplats-uppsokande', 'motesplats', { gender: 'nobody' }),
      contact('okand-insats', 'motesplats', { gender: 'male' }),
      contact('motesplats-uppsokande', 'motesplats', { gender: 'male' }, { catalogueVersion: '0.9' }),
      contact('motesplats-uppsokande', 'motesplats', { gender: 'male' }, { period: '2024-01' }),
      ended('rad-och-stod', 'motesplats', 6),
      ended('familjecentral-hembesok-bhv', 'familjecentral', 0),
    ],
    catalogue,
  );
}

describe('Swedish that reads as Swedish', () => {
  let refusals: Refusal[];
  let dir: string;
  let log: YearLog;
  const run = (...args: string[]) => runBin(args, { cwd: dir });

  beforeAll(async () => {
    refusals = [...(await refusalsThroughTheService()), ...infrastructureRefusals()];
    dir = mkdtempSync(join(tmpdir(), 'pinnstatistik-svenska-'));
    log = await yearLog(dir, { volume: 0.3 });
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('renders every refusal code', () => {
    expect(new Set(refusals.map((refusal) => refusal.code))).toEqual(new Set(REFUSAL_CODES));
  });

  it.each(REFUSAL_CODES)('%s: the Swedish message has no English and no catalogue id', (code) => {
    const messages = refusals.filter((refusal) => refusal.code === code).map((refusal) => refusal.message.sv);
    expect(messages.flatMap(englishOrIds).join('\n')).toBe('');
  });

  it('names what the review found by its labels and in the right words', () => {
    const sv = (code: string) =>
      refusals.filter((refusal) => refusal.code === code).map((refusal) => refusal.message.sv);
    expect(sv('DIMENSION_MISSING')).toContainEqual(expect.stringContaining('Uppgiften "Väg in" saknas'));
    expect(sv('VALUE_NOT_IN_CODE_LIST')).toContainEqual(
      expect.stringContaining('Tillåtna värden: Föräldraskap; Parrelation;'),
    );
    expect(sv('WORKING_NOTES_NOT_ALLOWED')).toEqual([
      expect.stringContaining('policyn anger dokumentationsnivån "Aggregerad data"'),
    ]);
    expect(sv('SHEET_SEALED')).toContainEqual(expect.stringContaining('med en orsakskod'));
    expect(sv('SERIES_LIMIT_REACHED')).toEqual([
      expect.stringContaining(
        'gränsen på 5 sammanhängande kontakter (policyn: "Max fem sammanhållande samtal")',
      ),
    ]);
  });

  it('every finding of the compliance audit', async () => {
    const found = await auditFindings();
    expect(new Set(found.map((finding) => finding.code))).toEqual(
      new Set([
        'KIND_FORBIDS_RECORDING',
        'DIMENSION_NOT_ALLOWED',
        'VALUE_NOT_ALLOWED',
        'UNKNOWN_INTERVENTION',
        'CATALOGUE_VERSION_NOT_IN_FORCE',
        'SERIES_LIMIT_EXCEEDED',
        'SERIES_BELOW_MINIMUM',
      ]),
    );
    expect(found.flatMap((finding) => englishOrIds(finding.message.sv)).join('\n')).toBe('');
  });

  it('every report legend, both methods', () => {
    const legends = [
      legend(),
      legend({ k: 3, showZeros: false }),
      legend({ k: 2 }),
      cellKeyLegend({ maxDeviation: 3, smallestPublished: 1, meanDeviation: 0.7 }),
      cellKeyLegend({ maxDeviation: 2, smallestPublished: 3, meanDeviation: 0.5 }),
    ];
    expect(legends.flatMap((text) => englishOrIds(text.sv)).join('\n')).toBe('');
  });

  const cli = (name: string, args: () => string[], read?: (output: string) => string) =>
    it(`pinnstatistik ${name} --lang sv`, async () => {
      const result = await run(...args(), '--lang', 'sv');
      const output = `${read === undefined ? result.stdout : read(result.stdout)}\n${result.stderr}`;
      expect(output.trim().length).toBeGreaterThan(0);
      expect(englishOrIds(output).join('\n')).toBe('');
    }, 60_000);

  cli('catalogue show', () => ['catalogue', 'show'], catalogueTableWithoutIds);
  cli('catalogue show --from', () => ['catalogue', 'show', '--from', log.file], catalogueTableWithoutIds);
  cli('catalogue validate (an invalid file)', () => {
    const file = join(dir, 'invalid.catalogue.json');
    writeFileSync(file, JSON.stringify({ ...catalogue, extra: true, interventions: [{ id: 'x' }] }));
    return ['catalogue', 'validate', file];
  });
  cli('verify (clean, pinned)', () => [
    'verify',
    log.file,
    '--public-key',
    log.publicKey,
    '--today',
    '2026-01-15',
  ]);
  cli('verify (with keys)', () => ['verify', log.file, '--keys', log.keys, '--today', '2026-01-15']);
  cli('verify (not clean: a month past its grace)', () => ['verify', log.file, '--today', '2026-04-15']);
  cli('verify (a truncated export)', () => {
    const lines = readFileSync(log.file, 'utf8').trim().split('\n');
    const file = join(dir, 'truncated.jsonl');
    writeFileSync(file, `${lines.slice(0, -1).join('\n')}\n`);
    return ['verify', file, '--today', '2026-01-15'];
  });
  cli('verify (an event removed, the trailer kept)', () => {
    const lines = readFileSync(log.file, 'utf8').trim().split('\n');
    const file = join(dir, 'edited.jsonl');
    writeFileSync(file, `${[...lines.slice(0, 3), ...lines.slice(4)].join('\n')}\n`);
    return ['verify', file, '--public-key', log.publicKey, '--today', '2026-01-15'];
  });
  cli('verify --save-checkpoint (saved)', () => [
    'verify',
    log.file,
    '--public-key',
    log.publicKey,
    '--save-checkpoint',
    join(dir, 'checkpoint.json'),
    '--today',
    '2026-01-15',
  ]);
  const report = ['report', '--from', '2025-01', '--to', '2025-12', '--today', '2026-01-15'];
  cli('report --format md (cell-key)', () => [
    ...report,
    log.file,
    '--keys',
    log.keys,
    '--unrecorded',
    '--format',
    'md',
  ]);
  cli('report --format md (suppression)', () => [
    ...report,
    log.file,
    '--method',
    'suppression',
    '--format',
    'md',
  ]);
  cli(
    'report --format csv',
    () => [...report, log.file, '--keys', log.keys, '--format', 'csv'],
    csvWithoutIdColumns,
  );
  cli(
    'report --format html',
    () => [...report, log.file, '--keys', log.keys, '--format', 'html'],
    visibleHtmlText,
  );
  cli('report --out (its summary line)', () => [
    ...report,
    log.file,
    '--method',
    'suppression',
    '--format',
    'csv',
    '--out',
    join(dir, 'report.csv'),
  ]);
  cli('report (refused: no statistics key)', () => [...report, log.file, '--format', 'md']);

  // What the user sent in a refused command: never repeated, in any language.
  const SENT = 'Hemlig-811218';
  const refused = (name: string, args: () => string[]) =>
    it(`pinnstatistik ${name} --lang sv: refused in Swedish, repeating nothing sent`, async () => {
      const result = await run(...args(), '--lang', 'sv');
      const output = `${result.stdout}\n${result.stderr}`;
      expect(result.code).not.toBe(0);
      expect(output.trim().length).toBeGreaterThan(0);
      expect(englishOrIds(output).join('\n')).toBe('');
      expect(output).not.toContain(SENT);
    }, 60_000);

  cli('export (to a file)', () => ['export', '--from', log.file, '--out', join(dir, 'again.jsonl')]);
  cli(
    'export (to standard output)',
    () => ['export', '--from', log.file],
    () => '',
  );
  refused('export (no such file)', () => ['export', '--from', join(dir, `${SENT}.jsonl`)]);
  refused('export (from memory)', () => ['export', '--from', 'memory']);
  refused('export (into a directory)', () => ['export', '--from', log.file, '--out', dir]);
  cli('import (a dry run in memory)', () => ['import', log.file, '--into', 'memory']);
  refused('import (into a file)', () => ['import', log.file, '--into', join(dir, `${SENT}.jsonl`)]);
  refused('import (an export that does not verify)', () => {
    const lines = readFileSync(log.file, 'utf8').trim().split('\n');
    const file = join(dir, `${SENT}-edited.jsonl`);
    writeFileSync(file, `${[...lines.slice(0, 3), ...lines.slice(4)].join('\n')}\n`);
    return ['import', file, '--into', 'memory', '--public-key', log.publicKey];
  });
  refused('import (an event larger than the target takes)', () => [
    'import',
    log.file,
    '--into',
    'memory',
    '--max-append-bytes',
    '1024',
  ]);
  refused('import (not an export)', () => {
    const file = join(dir, `${SENT}.txt`);
    writeFileSync(file, `${SENT}\n`);
    return ['import', file, '--into', 'memory'];
  });
  refused('import (an untrusted key)', () => ['import', log.file, '--into', 'memory', '--trust', log.file]);
  refused('checkpoint (an export file is read-only)', () => [
    'checkpoint',
    '--store',
    join(dir, `${SENT}.jsonl`),
  ]);
  refused('seal (not a period)', () => ['seal', SENT, '--store', 'memory']);
  refused('seal (an export file is read-only)', () => ['seal', '2025-12', '--store', `${SENT}.jsonl`]);
  refused('series expire (not a date)', () => ['series', 'expire', '--store', 'memory', '--today', SENT]);
  refused('series expire (memory holds no catalogue)', () => [
    'series',
    'expire',
    '--store',
    `${SENT}.jsonl`,
  ]);
  const proofFile = () => join(dir, 'proof.json');
  const stream = () => {
    const lines = readFileSync(log.file, 'utf8').trim().split('\n');
    const record = JSON.parse(lines[2] ?? '{}') as { stream: string; revision: number };
    return [record.stream, String(record.revision)];
  };
  cli('prove (a proof written)', () => ['prove', ...stream(), '--from', log.file, '--out', proofFile()]);
  cli('prove --check (holds)', () => ['prove', '--check', proofFile(), '--public-key', log.publicKey]);
  cli('prove --check (does not hold)', () => {
    const proof = JSON.parse(readFileSync(proofFile(), 'utf8')) as { event: { data: string } };
    const altered = join(dir, 'altered-proof.json');
    writeFileSync(altered, JSON.stringify({ ...proof, event: { ...proof.event, data: 'AAAA' } }));
    return ['prove', '--check', altered, '--public-key', log.publicKey];
  });
  refused('prove (no stream given)', () => ['prove', '--from', log.file]);
  refused('prove (no such revision)', () => ['prove', ...stream().slice(0, 1), '99999', '--from', log.file]);
  refused('prove --check (no key)', () => ['prove', '--check', proofFile()]);
  refused('prove --check (not a proof)', () => ['prove', '--check', log.file, '--public-key', log.publicKey]);
  refused('an unknown option', () => ['verify', log.file, `--${SENT}`]);
  refused('an unknown command', () => [SENT]);
  refused('a missing argument', () => ['import', '--into', 'memory']);
  refused('a required option not given', () => ['export']);
  refused('an option without its value', () => ['verify', log.file, '--today']);
  refused('too many arguments', () => ['verify', log.file, SENT]);
  it('the progress bars on a terminal --lang sv', async () => {
    let written = '';
    const terminal = () =>
      Object.assign(
        new Writable({
          write(chunk, _encoding, done) {
            written += String(chunk);
            done();
          },
        }),
        { isTTY: true, columns: 120 },
      );
    const io = { stdout: terminal(), stderr: terminal() };
    const runs = [
      ['export', '--from', log.file, '--out', join(dir, 'progress.jsonl')],
      ['import', log.file, '--into', 'memory'],
      ['verify', log.file, '--today', '2026-01-15'],
      [...report, log.file, '--method', 'suppression', '--format', 'csv', '--out', join(dir, 'progress.csv')],
    ];
    for (const args of runs) await runCli([...args, '--lang', 'sv'], io);
    // Cursor movements and the bar itself are not words.
    const text = stripVTControlCharacters(written).replace(/[█░]/g, ' ');
    for (const label of [
      'exporterar',
      'kontrollerar',
      'kontrollerar loggen',
      'granskar',
      'spelar upp loggen',
    ])
      expect(text).toContain(label);
    expect(englishOrIds(text).join('\n')).toBe('');
  }, 120_000);
  cli('demo (the whole seeded year, and its export)', () => ['demo', '--export', join(dir, 'demo.jsonl')]);
  refused('demo (an export into a directory that does not exist)', () => [
    'demo',
    '--export',
    join(dir, SENT, 'demo.jsonl'),
  ]);
  const reportRefused = (name: string, ...args: string[]) =>
    refused(`report (${name})`, () => ['report', log.file, '--method', 'suppression', ...args]);
  reportRefused('not a period', '--from', SENT, '--to', '2025-12');
  reportRefused('a range backwards', '--from', '2025-06', '--to', '2025-02');
  reportRefused('a range in the future', '--from', '2025-01', '--to', '2099-12');
  reportRefused('no catalogue in force', '--from', '2024-01', '--to', '2024-06');
  reportRefused('a threshold not a number', '--from', '2025-01', '--to', '2025-12', '--k', SENT);
  reportRefused('an unknown format', '--from', '2025-01', '--to', '2025-12', '--format', SENT);
  reportRefused('an unknown granularity', '--from', '2025-01', '--to', '2025-12', '--granularity', SENT);
  reportRefused('an unknown intervention', '--from', '2025-01', '--to', '2025-12', '--intervention', SENT);
  reportRefused('a variance not a number', '--from', '2025-01', '--to', '2025-12', '--variance', SENT);
  reportRefused(
    'a variance too large',
    '--from',
    '2025-01',
    '--to',
    '2025-12',
    '--max-deviation',
    '2',
    '--variance',
    '4',
  );
});
