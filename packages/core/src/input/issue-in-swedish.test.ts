import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { issueInSwedish } from './issue-in-swedish.js';
import { toSafeValidationIssues } from './safe-issues.js';

/** What zod itself says for a value, as a refusal would carry it. */
const zodSays = (schema: z.ZodType, value: unknown): string => {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error('expected a problem');
  return toSafeValidationIssues(parsed.error)[0]?.message ?? '';
};

describe('issueInSwedish', () => {
  it("words zod's common problems in Swedish, from zod's own messages (a changed wording fails here)", () => {
    const shape = z.object({ name: z.string(), count: z.number() }).strict();
    expect(issueInSwedish(zodSays(shape, { name: 'x', count: 1, extra: 1 }))).toBe(
      'ett fält som inte hör hit',
    );
    expect(issueInSwedish(zodSays(shape, { name: 'x' }))).toBe('saknas (ska vara ett tal)');
    expect(issueInSwedish(zodSays(shape, { name: 1, count: 1 }))).toBe('ska vara en text');
    expect(issueInSwedish(zodSays(z.enum(['a', 'b']), 'c'))).toBe('inte ett av de tillåtna värdena');
    const kinds = z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('a') }),
      z.object({ kind: z.literal('b') }),
    ]);
    expect(issueInSwedish(zodSays(kinds, { kind: 'c' }))).toBe('inte ett av de tillåtna värdena');
    expect(issueInSwedish(zodSays(z.string().min(2), 'x'))).toBe('för kort eller för litet');
    expect(issueInSwedish(zodSays(z.number().max(2), 3))).toBe('för långt eller för stort');
  });

  it('says only that a rule is broken for a wording it does not know, never repeating it', () => {
    expect(issueInSwedish('something new went wrong')).toBe('följer inte reglerna');
  });
});
