import {
  CatalogueSchema,
  type Cipher,
  type CommandService,
  catalogueStream,
  createAesGcmCipher,
  createCommandService,
  deriveEventId,
  fixedClock,
  GENESIS_HASH,
  type JsonValue,
  type KeyStore,
  largestEvents,
  parseCatalogue,
  registerCatalogueVersions,
  SERIES_INDEX_STREAM,
  sealEvent,
  unpad,
  vaggerydCatalogue,
} from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createMemoryEventStore, createMemoryKeyStore } from '../src/index.js';

// Every private event is padded to one size per stream kind (a tally sheet's: 1,024 bytes), so
// its length tells nothing. An event that does not fit cannot be sealed at all: the command
// service then threw a RangeError at a valid tally instead of answering it. A catalogue whose
// events could outgrow their padded size is now refused when it is adopted (or parsed).

const uuid = (n: number): string => `5123d000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const clock = fixedClock('2025-12-31T12:00:00Z');
const ids = { correlationId: uuid(900), causationId: uuid(901) };

/** AES-GCM that notes how many bytes of plaintext each sealed event had before padding, by padded size. */
function measuringCipher(): { cipher: Cipher; largest: Map<number, number> } {
  const aes = createAesGcmCipher();
  const largest = new Map<number, number>();
  return {
    largest,
    cipher: {
      algorithm: aes.algorithm,
      encrypt(key, plaintext, associatedData) {
        const inner = unpad(plaintext)?.length ?? plaintext.length;
        largest.set(plaintext.length, Math.max(largest.get(plaintext.length) ?? 0, inner));
        return aes.encrypt(key, plaintext, associatedData);
      },
      decrypt: (key, sealed, associatedData, into) => aes.decrypt(key, sealed, associatedData, into),
    },
  };
}

async function serviceWith(catalogue: unknown, cipher: Cipher = createAesGcmCipher()) {
  const service = createCommandService({
    store: createMemoryEventStore(),
    keys: createMemoryKeyStore(),
    catalogueId: 'vaggeryd',
    clock,
    cipher,
  });
  const adopted = await service.adoptCatalogue({
    type: 'AdoptCatalogue',
    commandId: uuid(1),
    catalogue: catalogue as never,
  });
  return { service, adopted };
}

/** Vaggeryd's catalogue with one intervention tallying 14 more dimensions of 40-character codes. */
function overgrownCatalogue() {
  const catalogue = structuredClone(vaggerydCatalogue()) as unknown as {
    codeLists: Record<string, unknown>;
    dimensions: unknown[];
    interventions: { id: string; tally: { contact: { dimensions: string[] } } }[];
  };
  const marks: Record<string, string> = { gender: 'female' };
  const dimensions = ['gender'];
  for (let index = 0; index < 14; index += 1) {
    const id = `extra${index}${'x'.repeat(30)}`;
    const code = `${'c'.repeat(36)}${String(index).padStart(4, '0')}`;
    catalogue.codeLists[`extra${index}`] = {
      label: { sv: 'Extra', en: 'Extra' },
      codes: [{ code, label: { sv: 'Kod', en: 'Code' } }],
    };
    catalogue.dimensions.push({
      id,
      kind: 'code-list',
      label: { sv: 'Extra', en: 'Extra' },
      codeList: `extra${index}`,
    });
    dimensions.push(id);
    marks[id] = code;
  }
  const outreach = catalogue.interventions.find((policy) => policy.id === 'motesplats-uppsokande');
  if (outreach === undefined) throw new Error('the catalogue has no motesplats-uppsokande');
  outreach.tally.contact.dimensions = dimensions;
  return { catalogue, marks };
}

describe('a catalogue whose events would not fit their padded size', () => {
  it('is refused at adoption, naming the intervention, instead of a tally failing with an exception', async () => {
    const { catalogue, marks } = overgrownCatalogue();
    const { service, adopted } = await serviceWith(catalogue);
    const index = catalogue.interventions.findIndex((policy) => policy.id === 'motesplats-uppsokande');
    expect(E.isLeft(adopted) && adopted.left.code).toBe('CATALOGUE_REJECTED');
    const issues = E.isLeft(adopted)
      ? (adopted.left as { issues?: { path: string; message: string }[] }).issues
      : [];
    expect(issues).toContainEqual({
      path: `/interventions/${index}/tally`,
      message: expect.stringMatching(/can take \d+ bytes, but at most 1023 fit/),
    });
    // What a counsellor would have met: the tally is refused (no catalogue in force), not thrown.
    const tally = await service.tally({
      type: 'TallyContact',
      commandId: uuid(2),
      interventionId: 'motesplats-uppsokande',
      unitId: 'motesplats',
      date: '2025-03-14',
      marks,
    });
    expect(E.isLeft(tally)).toBe(true);
    expect(E.isLeft(parseCatalogue(catalogue))).toBe(true);
  });
});

/** The service's real events at their largest for one intervention of Vaggeryd's catalogue. */
async function largestRealEvents(service: CommandService, interventionId: string, unitId: string) {
  const counts = { female: 10_000, male: 10_000, other: 10_000, 'not-stated': 10_000 };
  const voidIt = (n: number) =>
    service.tally({
      type: 'VoidTally',
      commandId: uuid(n + 1),
      ...ids,
      interventionId,
      unitId,
      period: '2025-03',
      tallyId: uuid(n),
      reason: 'registered-by-mistake',
    });
  if (interventionId === 'rad-och-stod') {
    const opened = await service.openSeries({
      type: 'OpenSeries',
      commandId: uuid(10),
      ...ids,
      interventionId,
      unitId,
    });
    if (E.isLeft(opened)) throw new Error(opened.left.code);
    const marks = {
      gender: 'not-stated',
      childAges: Array.from({ length: 12 }, () => 'not-stated'),
      numberOfChildren: 12,
      problemArea: 'couple-relationship',
      routeIn: 'relative-or-friend',
      furtherAction: 'needs-assessed-application',
    };
    const session = await service.recordSession({
      type: 'RecordSession',
      commandId: uuid(11),
      ...ids,
      token: opened.right.token,
      date: '2025-03-14',
      marks,
    });
    if (E.isLeft(session)) throw new Error(session.left.code);
    return voidIt(11);
  }
  const meeting = await service.tally({
    type: 'TallyGroupMeeting',
    commandId: uuid(20),
    ...ids,
    interventionId,
    unitId,
    date: '2025-03-14',
    participants: { adults: counts, children: counts },
  });
  if (E.isLeft(meeting)) throw new Error(meeting.left.code);
  return voidIt(20);
}

describe('the padded sizes the catalogue is held to', () => {
  it.each([
    ['rad-och-stod', 'familj-och-ungdomsteamet'],
    ['faltare-gruppverksamhet', 'faltare'],
  ])('are never exceeded by the largest real events of %s', async (interventionId, unitId) => {
    const { cipher, largest } = measuringCipher();
    const { service, adopted } = await serviceWith(vaggerydCatalogue(), cipher);
    expect(E.isRight(adopted)).toBe(true);
    const voided = await largestRealEvents(service, interventionId, unitId);
    expect(E.isRight(voided)).toBe(true);
    const catalogue = vaggerydCatalogue();
    const bound = largestEvents(catalogue).find(
      (event) =>
        catalogue.interventions[event.interventionIndex]?.id === interventionId && event.kind === 'tally',
    );
    const real = largest.get(1024) ?? 0;
    expect(real).toBeGreaterThan(600);
    expect(real).toBeLessThanOrEqual(bound?.bytes ?? 0);
  });
});

/**
 * A log from before adoption checked padded sizes: the overgrown catalogue written straight
 * into its catalogue stream, as the service then adopted it.
 */
async function serviceOnOldLog(
  { catalogue, marks }: { catalogue: unknown; marks: Record<string, string> } = overgrownCatalogue(),
  options: { keys?: KeyStore; cipher?: Cipher } = {},
) {
  const store = createMemoryEventStore();
  const schema = CatalogueSchema as unknown as {
    _zod: { def: object };
    clone(def: object): { parse(input: unknown): JsonValue };
  };
  const unchecked = schema.clone({ ...schema._zod.def, checks: [] }).parse(catalogue);
  const stream = catalogueStream('vaggeryd');
  const adopted = sealEvent(stream, 0, GENESIS_HASH, {
    id: deriveEventId(uuid(1), stream, 0),
    type: 'CatalogueAdopted',
    data: { catalogue: unchecked },
    meta: { commandId: uuid(1), catalogueId: 'vaggeryd' },
  });
  expect(E.isRight(await store.append(stream, [adopted.event], { expected: 'no-stream' }))).toBe(true);
  // The operator's upgrade step for a log adopted by an earlier release: its versions registered.
  const keys = options.keys ?? createMemoryKeyStore();
  expect(E.isRight(await registerCatalogueVersions(store, keys, 'vaggeryd'))).toBe(true);
  const service = createCommandService({
    store,
    keys,
    catalogueId: 'vaggeryd',
    clock,
    ...(options.cipher === undefined ? {} : { cipher: options.cipher }),
  });
  return { service, store, marks };
}

describe('a catalogue adopted before such catalogues were refused', () => {
  it('has a tally that does not fit refused (EVENT_TOO_LARGE), not thrown, and nothing of it stored', async () => {
    const { service, store, marks } = await serviceOnOldLog();
    const tally = (commandId: string, tallied: Record<string, string>) =>
      service.tally({
        type: 'TallyContact',
        commandId,
        interventionId: 'motesplats-uppsokande',
        unitId: 'motesplats',
        date: '2025-03-14',
        marks: tallied,
      });
    const refused = await tally(uuid(2), marks);
    expect(E.isLeft(refused) && refused.left.code).toBe('EVENT_TOO_LARGE');
    expect(E.isLeft(refused) && refused.left.message.sv).toMatch(/Ingenting sparades/);
    const tallies: string[] = [];
    for await (const event of store.readAll())
      if (event.stream.startsWith('tally-')) tallies.push(event.stream);
    expect(tallies).toEqual([]);
    // The same command again is refused again, not answered as written.
    const again = await tally(uuid(2), marks);
    expect(E.isLeft(again) && again.left.code).toBe('EVENT_TOO_LARGE');
  });
});

/** Vaggeryd's catalogue under a catalogue version of `length` characters (refused at adoption today). */
function longVersionCatalogue(length: number) {
  const catalogue = structuredClone(vaggerydCatalogue()) as unknown as { version: string };
  catalogue.version = `1.${'0'.repeat(length - 2)}`;
  return { catalogue, marks: {} };
}

const sessionMarks = {
  gender: 'female',
  childAges: ['7-9'],
  numberOfChildren: 1,
  problemArea: 'parenting',
  routeIn: 'own-initiative',
  furtherAction: 'none',
};

/** A series of råd och stöd opened under an old log's catalogue with a version of `length` characters, and one session. */
async function seriesUnderVersion(length: number) {
  const { cipher, largest } = measuringCipher();
  const { service, store } = await serviceOnOldLog(longVersionCatalogue(length), { cipher });
  const opened = await service.openSeries({
    type: 'OpenSeries',
    commandId: uuid(30),
    ...ids,
    interventionId: 'rad-och-stod',
    unitId: 'familj-och-ungdomsteamet',
  });
  if (E.isLeft(opened)) throw new Error(opened.left.code);
  const session = await service.recordSession({
    type: 'RecordSession',
    commandId: uuid(31),
    ...ids,
    token: opened.right.token,
    date: '2025-03-14',
    marks: sessionMarks,
  });
  const seriesEvents: number[] = [];
  for await (const event of store.readAll())
    if (event.stream.startsWith('series-') && event.stream !== SERIES_INDEX_STREAM)
      seriesEvents.push(event.data.length);
  return { session, largest, seriesEvents };
}

describe('a series under an old catalogue with a long version', () => {
  // The catalogue version is written beside a tally, never into a series' events: a series'
  // opening keeps the series' one size whatever the version, and a session writes only its tally
  // (the padding policy now refuses any series event but a note that would outgrow it, see
  // padding-policy.test.ts). A session's tally carries its series' tag and date: a version of
  // 200 characters fitted before, 150 fits now. Sealed in the positional form (the version
  // written once, not twice), a tally outgrows its sheet at a longer version than in the named form.
  it('keeps every series event at the series size, and refuses a session whose tally outgrows its sheet', async () => {
    const fits = await seriesUnderVersion(150);
    expect(E.isRight(fits.session)).toBe(true);
    expect([...fits.largest.keys()].sort()).toEqual([1024, 384, 512]);
    expect(fits.seriesEvents).toHaveLength(1);

    const outgrows = await seriesUnderVersion(900);
    expect(E.isLeft(outgrows.session) && outgrows.session.left.code).toBe('EVENT_TOO_LARGE');
    // Nothing of the session stored: the series holds its opening alone.
    expect(outgrows.seriesEvents).toHaveLength(1);
    expect([...outgrows.largest.keys()].filter((size) => size > 512)).toEqual([]);
  });
});
