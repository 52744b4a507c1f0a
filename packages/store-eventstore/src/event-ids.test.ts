import { describe, expect, it } from 'vitest';
import { isServerEventId, serverEventId } from './event-ids.js';

describe('server event ids', () => {
  it('are our id itself when it is a canonical UUID, as the core derives them', () => {
    const id = '3f2b8c1e-9d4a-8b7c-a1e2-0f9e8d7c6b5a';
    expect(serverEventId(id)).toBe(id);
  });

  it('are a stable, distinct UUID derived from any other id', () => {
    const derived = serverEventId('e-0-contract-1');
    expect(isServerEventId(derived)).toBe(true);
    expect(serverEventId('e-0-contract-1')).toBe(derived);
    expect(serverEventId('e-1-contract-1')).not.toBe(derived);
    expect(serverEventId('3F2B8C1E-9D4A-8B7C-A1E2-0F9E8D7C6B5A')).not.toBe(
      '3F2B8C1E-9D4A-8B7C-A1E2-0F9E8D7C6B5A',
    );
    expect(serverEventId('00000000-0000-0000-0000-000000000000')).not.toBe(
      '00000000-0000-0000-0000-000000000000',
    );
  });
});
