import { periodKeyId, registryStream } from '../streams.js';
import type { ServiceContext } from './service-context.js';

/**
 * Whether a month's key is gone though its registry holds entries sealed under it: destroyed
 * outside the library (a deleted key file, a key store restored from an older copy). A seal
 * deletes the registry before it destroys the key, so a sealed month never looks like this; a
 * month no sheet was registered in has nothing under its key, and gets one when it is needed.
 * Making a new key here would seal new detail beside detail no key opens, and the registry would
 * no longer open at all.
 */
export async function periodKeyLost(context: ServiceContext, period: string): Promise<boolean> {
  if ((await context.keyRing.existing(periodKeyId(period))) !== undefined) return false;
  for await (const _entry of context.store.readStream(registryStream(period), { limit: 1 })) return true;
  return false;
}
