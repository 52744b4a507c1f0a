import type { SealerFor } from '../envelope/open-event.js';
import type { OpenKey } from './key-ring.js';

/** Opens payloads with one key, whatever the cache of the key ring holds. */
export const sealerOf =
  (key: OpenKey): SealerFor =>
  (_recorded, codec) =>
    key.sealer.algorithm === codec ? key.sealer : undefined;
