import { describe, expect, it } from 'vitest';
import { assertServerEventId, isServerEventId } from './event-ids.js';

describe('server event ids', () => {
  it('are canonical lower-case UUIDs, as the core derives them', () => {
    expect(isServerEventId('3f2b8c1e-9d4a-8b7c-a1e2-0f9e8d7c6b5a')).toBe(true);
    expect(() => assertServerEventId('3f2b8c1e-9d4a-8b7c-a1e2-0f9e8d7c6b5a')).not.toThrow();
  });

  it('are not upper-case (the server answers in lower case), nil (the server refuses it) or anything else', () => {
    for (const id of [
      '3F2B8C1E-9D4A-8B7C-A1E2-0F9E8D7C6B5A',
      '00000000-0000-0000-0000-000000000000',
      'e-0',
      '',
    ]) {
      expect(isServerEventId(id)).toBe(false);
      expect(() => assertServerEventId(id)).toThrow(TypeError);
    }
  });
});
