import {
  findPersonalData,
  MAX_NOTE_LENGTH,
  parseTallyCommand,
  readInput,
  scanForPersonalData,
  TallyContactSchema,
} from '@pinnstatistik/core';

/** What the guard costs: its worst scan of a maximal note, and what it adds to one tally. */
export interface GuardResult {
  /** The slowest shape's scan of a maximal working note, in ms per KB of text. */
  readonly worstMsPerKb: number;
  /** Which shape that was: its index in {@link GUARD_SHAPES}. */
  readonly worstShape: number;
  /** The same shapes at 32 times the length, ms per KB: linear keeps it near the figure above. */
  readonly worstMsPerKbAt64k: number;
  /** The boundary per tally: snapshot, length limits and the personal-data scan of a `TallyContact`. */
  readonly boundaryUsPerTally: number;
  /** The guard alone per tally: the scan of the snapshot. */
  readonly guardUsPerTally: number;
  /** The whole door per tally: boundary, guard and the fast parse (what `tally` pays before deciding). */
  readonly parseUsPerTally: number;
}

/** Texts built to make a scanner slow (backtracking, quadratic joins, every start a candidate). */
export const GUARD_SHAPES: readonly { readonly name: string; make(length: number): string }[] = [
  { name: 'a…a@', make: (length) => `${'a'.repeat(length - 1)}@` },
  { name: 'a.a.a…@', make: (length) => `${'a.'.repeat(length / 2 - 1)}a@` },
  { name: '@a@a…', make: (length) => '@a'.repeat(length / 2) },
  { name: 'digits', make: (length) => '1'.repeat(length) },
  { name: '0 0 0 …', make: (length) => '0 '.repeat(length / 2) },
  { name: '01 2…', make: (length) => '01 2'.repeat(length / 4) },
  {
    name: 'near-miss personnummer',
    make: (length) => '8112 18-98 70 '.repeat(Math.ceil(length / 14)).slice(0, length),
  },
  {
    name: 'near-miss phone 09 0909…',
    make: (length) => '09 '.repeat(Math.ceil(length / 3)).slice(0, length),
  },
  {
    name: 'dates and times',
    make: (length) => '2025-03-14 0930-1100 '.repeat(Math.ceil(length / 21)).slice(0, length),
  },
  {
    name: 'glued edges pnrl2O3l5-1237 …',
    make: (length) => 'pnrl2O3l5-1237 '.repeat(Math.ceil(length / 15)).slice(0, length),
  },
  {
    name: 'glued edges alo1ol-…',
    make: (length) => 'alo1ol-'.repeat(Math.ceil(length / 7)).slice(0, length),
  },
  { name: '&#4&#4…', make: (length) => '&#4'.repeat(Math.ceil(length / 3)).slice(0, length) },
  { name: 'fullwidth ０ ０…', make: (length) => '０ '.repeat(length / 2) },
  { name: 'a at a at …', make: (length) => 'a at '.repeat(length / 5) },
  {
    name: 'a (at) b (dot) …',
    make: (length) => 'a (at) b (dot) '.repeat(Math.ceil(length / 15)).slice(0, length),
  },
];

/** Median time of `run` in ms, over rounds of `batch` calls each, after a warm-up. */
function medianMs(run: () => unknown, batch: number, rounds = 15): number {
  for (let index = 0; index < batch; index += 1) run();
  const times: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const started = performance.now();
    for (let index = 0; index < batch; index += 1) run();
    times.push((performance.now() - started) / batch);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

const contact = {
  type: 'TallyContact',
  commandId: '3f1e7c2a-9b4d-4e8f-a1c2-0d9e8f7a6b5c',
  interventionId: 'rad-och-stod',
  unitId: 'motesplats',
  date: '2025-03-14',
  marks: {
    gender: 'female',
    childAge: 9,
    numberOfChildren: 2,
    problemArea: 'parenting',
    routeIn: 'school',
    furtherAction: 'none',
  },
};

/** Measures the guard (`pnpm bench --only guard`). */
export function measureGuard(): GuardResult {
  let worstMsPerKb = 0;
  let worstShape = 0;
  let worstMsPerKbAt64k = 0;
  GUARD_SHAPES.forEach((shape, index) => {
    const note = shape.make(MAX_NOTE_LENGTH);
    const perKb = medianMs(() => findPersonalData(note), 20) / (note.length / 1024);
    if (perKb > worstMsPerKb) {
      worstMsPerKb = perKb;
      worstShape = index;
    }
    const long = shape.make(65_536);
    worstMsPerKbAt64k = Math.max(worstMsPerKbAt64k, medianMs(() => findPersonalData(long), 2, 7) / 64);
  });
  const snapshot = readInput(TallyContactSchema, contact);
  if (snapshot._tag === 'Left') throw new Error(`the bench's tally is refused: ${snapshot.left.code}`);
  const rounds = 20_000;
  const boundaryMs = medianMs(
    () => readInput(TallyContactSchema, contact, { fastPath: () => contact as never }),
    rounds,
  );
  const guardMs = medianMs(() => scanForPersonalData(contact), rounds);
  const parseMs = medianMs(() => parseTallyCommand(contact), rounds);
  return {
    worstMsPerKb,
    worstShape,
    worstMsPerKbAt64k,
    boundaryUsPerTally: boundaryMs * 1000,
    guardUsPerTally: guardMs * 1000,
    parseUsPerTally: parseMs * 1000,
  };
}
