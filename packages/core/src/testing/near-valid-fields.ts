import fc from 'fast-check';

// Fields of commands near the schema's limits: sometimes right, sometimes just wrong. The fast
// paths' property tests hold them against the schemas (not exported from the testing kit).

/** A command id: a UUID, any string, or the nil UUID (which the schema refuses). */
export const nearUuid = fc.oneof(
  fc.uuid(),
  fc.string(),
  fc.constantFrom('00000000-0000-0000-0000-000000000000'),
);

/** A date: real, impossible, or any string. */
export const nearDate = fc.oneof(
  fc.constantFrom('2025-02-29', '2024-02-29', '2025-13-01', '2025-04-31', '2025-01-05'),
  fc.string(),
);

const scalarMark = fc.oneof(
  fc.string({ maxLength: 45 }),
  fc.integer({ min: -5, max: 140 }),
  fc.double(),
  fc.constantFrom(-0, Number.NaN, null, true, undefined),
);
// Lists of ages (row 11's children): near the length limit, with bad entries, sparse or decorated.
const markValue = fc.oneof(
  scalarMark,
  fc.array(scalarMark, { maxLength: 22 }),
  fc.array(fc.integer({ min: 0, max: 17 }), { minLength: 18, maxLength: 22 }),
  fc.constantFrom(
    // biome-ignore lint/suspicious/noSparseArray: a sparse list must be left to the schema.
    [1, , 3],
    Object.assign([4, 5], { extra: 1 }),
  ),
);
const markKey = fc.oneof(
  fc.constantFrom('gender', 'adultAge', 'childAges', 'aB9', 'x'.repeat(41)),
  fc.string({ maxLength: 42 }),
);

/** Marks: well-formed or not, or not even an object. */
export const nearMarks = fc.oneof(
  fc.dictionary(markKey, markValue, { maxKeys: 4 }),
  fc.constantFrom(null, [], 'x'),
);
