import { describe, expect, it } from 'vitest';
import { statisticsProjectionVersion } from './statistics-projection-version.js';

describe('the statistics projection’s version', () => {
  it('spells the envelope’s ciphers as they are, so checkpoints of earlier stops stay restorable', () => {
    expect(
      statisticsProjectionVersion({ seals: 'proven', ciphers: ['xchacha20-poly1305', 'aes-256-gcm'] }),
    ).toBe('statistics/2;seals=proven;ciphers=xchacha20-poly1305,aes-256-gcm');
  });

  it('tells two cipher lists apart even when a name holds the separator', () => {
    // Joined as they are, ['a,b'] and ['a', 'b'] were one version: a checkpoint of one list was
    // restored by a runner of the other.
    const one = statisticsProjectionVersion({ seals: 'proven', ciphers: ['a,b'] });
    const two = statisticsProjectionVersion({ seals: 'proven', ciphers: ['a', 'b'] });
    const semicolon = statisticsProjectionVersion({ seals: 'proven', ciphers: ['a;seals=proven'] });
    expect(one).not.toBe(two);
    expect(semicolon).not.toBe(statisticsProjectionVersion({ seals: 'proven', ciphers: ['a'] }));
    expect(semicolon.split(';')).toHaveLength(3);
  });

  it('tells a reader folding every catalogue version from one folding only the vouched ones', () => {
    // A checkpoint of a keyless reader may hold a version chained in by hand: a keyed reader must not restore it.
    const vouched = statisticsProjectionVersion({ seals: 'proven', ciphers: ['a'] });
    const any = statisticsProjectionVersion({ seals: 'proven', ciphers: ['a'], catalogueVersions: 'any' });
    expect(any).not.toBe(vouched);
    expect(
      statisticsProjectionVersion({ seals: 'proven', ciphers: ['a'], catalogueVersions: 'vouched' }),
    ).toBe(vouched);
  });
});
