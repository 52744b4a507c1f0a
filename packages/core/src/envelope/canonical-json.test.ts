import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../json.js';
import { canonicalJson } from './canonical-json.js';

/** A double from its IEEE 754 bit pattern, big-endian hex as RFC 8785 Appendix B prints it. */
function double(bits: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${bits}`));
  return view.getFloat64(0);
}

// RFC 8785 Appendix B, "Number Serialization Samples": every finite row.
const APPENDIX_B: readonly (readonly [bits: string, canonical: string])[] = [
  ['0000000000000000', '0'],
  ['8000000000000000', '0'],
  ['0000000000000001', '5e-324'],
  ['8000000000000001', '-5e-324'],
  ['7fefffffffffffff', '1.7976931348623157e+308'],
  ['ffefffffffffffff', '-1.7976931348623157e+308'],
  ['4340000000000000', '9007199254740992'],
  ['c340000000000000', '-9007199254740992'],
  ['4430000000000000', '295147905179352830000'],
  ['44b52d02c7e14af5', '9.999999999999997e+22'],
  ['44b52d02c7e14af6', '1e+23'],
  ['44b52d02c7e14af7', '1.0000000000000001e+23'],
  ['444b1ae4d6e2ef4e', '999999999999999700000'],
  ['444b1ae4d6e2ef4f', '999999999999999900000'],
  ['444b1ae4d6e2ef50', '1e+21'],
  ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
  ['3eb0c6f7a0b5ed8d', '0.000001'],
  ['41b3de4355555553', '333333333.3333332'],
  ['41b3de4355555554', '333333333.33333325'],
  ['41b3de4355555555', '333333333.3333333'],
  ['41b3de4355555556', '333333333.3333334'],
  ['41b3de4355555557', '333333333.33333343'],
  ['becbf647612f3696', '-0.0000033333333333333333'],
  ['43143ff3c1cb0959', '1424953923781206.2'],
  // From the RFC authors' test-file README (testdata/README.md): integers past 2^53.
  ['4340000000000001', '9007199254740994'],
  ['4340000000000002', '9007199254740996'],
];

// Appendix B's non-finite rows (NaN, Infinity) and -Infinity: RFC 8785 §3.2.2.3 requires an error.
const NOT_SERIALISABLE = ['7fffffffffffffff', '7ff0000000000000', 'fff0000000000000'];

// The RFC authors' published test data (github.com/cyberphone/json-canonicalization, testdata/
// input and testdata/output at 19d51d7): each input parsed, then canonicalised, must give the
// output byte for byte.
const PUBLISHED: readonly (readonly [name: string, input: string, canonical: string])[] = [
  [
    'arrays',
    '[\n  56,\n  {\n    "d": true,\n    "10": null,\n    "1": [ ]\n  }\n]\n',
    '[56,{"1":[],"10":null,"d":true}]',
  ],
  [
    'french',
    '{\n  "peach": "This sorting order",\n  "p\u00e9ch\u00e9": "is wrong according to French",\n  "p\u00eache": "but canonicalization MUST",\n  "sin":   "ignore locale"\n}\n',
    '{"peach":"This sorting order","p\u00e9ch\u00e9":"is wrong according to French","p\u00eache":"but canonicalization MUST","sin":"ignore locale"}',
  ],
  [
    'structures',
    '{\n  "1": {"f": {"f": "hi","F": 5} ,"\\n": 56.0},\n  "10": { },\n  "": "empty",\n  "a": { },\n  "111": [ {"e": "yes","E": "no" } ],\n  "A": { }\n}',
    '{"":"empty","1":{"\\n":56,"f":{"F":5,"f":"hi"}},"10":{},"111":[{"E":"no","e":"yes"}],"A":{},"a":{}}',
  ],
  ['unicode', '{\n  "Unnormalized Unicode":"A\\u030a"\n}\n', '{"Unnormalized Unicode":"A\u030a"}'],
  [
    'values',
    '{\n  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],\n  "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",\n  "literals": [null, true, false]\n}',
    '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"\u20ac$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
  ],
  [
    'weird',
    '{\n  "\\u20ac": "Euro Sign",\n  "\\r": "Carriage Return",\n  "\\u000a": "Newline",\n  "1": "One",\n  "\\u0080": "Control\\u007f",\n  "\\ud83d\\ude02": "Smiley",\n  "\\u00f6": "Latin Small Letter O With Diaeresis",\n  "\\ufb33": "Hebrew Letter Dalet With Dagesh",\n  "</script>": "Browser Challenge"\n}\n',
    '{"\\n":"Newline","\\r":"Carriage Return","1":"One","</script>":"Browser Challenge","\u0080":"Control\u007f","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\ud83d\ude02":"Smiley","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
  ],
];

const json = fc.jsonValue() as fc.Arbitrary<JsonValue>;
// Every kind of string, lone surrogates included, and numbers at the edges of the formats.
const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }));
const number = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(-0, 1e21, 1e-7, 5e-324, Number.MAX_SAFE_INTEGER + 2),
);
const anyValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    text,
    number,
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(tie('value')),
    fc.dictionary(text, tie('value')),
  ),
})).value;

const outcome = (run: () => string): { text: string } | { threw: true } => {
  try {
    return { text: run() };
  } catch {
    return { threw: true };
  }
};

describe('canonicalJson: RFC 8785', () => {
  it.each(APPENDIX_B)('writes the double 0x%s as %s (Appendix B)', (bits, canonical) => {
    expect(canonicalJson(double(bits))).toBe(canonical);
    expect(canonicalJson({ n: double(bits) })).toBe(`{"n":${canonical}}`);
  });

  it.each(NOT_SERIALISABLE)('refuses the non-finite double 0x%s', (bits) => {
    expect(() => canonicalJson(double(bits))).toThrow(TypeError);
    expect(() => canonicalJson([1, { n: double(bits) }])).toThrow(TypeError);
  });

  it.each(PUBLISHED)('canonicalises the published test file %s exactly', (_name, input, canonical) => {
    expect(canonicalJson(JSON.parse(input) as JsonValue)).toBe(canonical);
  });

  it('gives the same text for the same data, whatever the order of its members', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), json), (record) => {
        const reversed = Object.fromEntries(Object.entries(record).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(record));
        expect(JSON.parse(canonicalJson(record))).toEqual(JSON.parse(JSON.stringify(record)));
      }),
    );
  });

  it('refuses lone surrogates, in values and in member names', () => {
    expect(() => canonicalJson('\ud800')).toThrow(TypeError);
    expect(() => canonicalJson({ '\udc00': 1 })).toThrow(TypeError);
    expect(canonicalJson('\ud83d\ude02')).toBe('"\ud83d\ude02"');
  });

  it('refuses a cycle and a bigint, but writes a shared (acyclic) object twice', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => canonicalJson(cycle as JsonValue)).toThrow(TypeError);
    expect(() => canonicalJson({ n: 1n } as unknown as JsonValue)).toThrow(TypeError);
    const shared = { a: 1 };
    expect(canonicalJson({ x: shared, y: [shared] })).toBe('{"x":{"a":1},"y":[{"a":1}]}');
  });
});

// `canonicalize` is only a devDependency: the reference this serialiser is held equal to, used
// as canonicalJson used it before (a value with no JSON text at all is refused).
const reference = (value: unknown): string => {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value cannot be canonicalised as JSON');
  return text;
};

describe('canonicalJson against the canonicalize package', () => {
  it('writes exactly what canonicalize writes for any JSON value', () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(canonicalJson(value)).toBe(reference(value));
      }),
      { numRuns: 500 },
    );
  });

  it('and for strings, numbers and undefined members at the edges: the same text, or both refuse', () => {
    fc.assert(
      fc.property(anyValue, (value) => {
        expect(outcome(() => canonicalJson(value as JsonValue))).toEqual(outcome(() => reference(value)));
      }),
      { numRuns: 500 },
    );
  });
});
