import { hash } from 'node:crypto';
import { canonicalJson } from '../envelope/canonical-json.js';
import type { JsonValue } from '../json.js';

/**
 * A digest of what a command asks for, without its ids: a retry (same id, same content) gets
 * the first receipt; the same id with other content is refused. Kept inside the stream's
 * ciphertext, never in a clear, log-wide index.
 */
export function commandDigest(command: object): string {
  const {
    commandId: _id,
    correlationId: _correlation,
    causationId: _causation,
    ...content
  } = command as Record<string, unknown>;
  // From hex: a digest as a Buffer is an allocation outside V8's heap (16 bytes from hex are pooled).
  const hex = hash('sha256', canonicalJson(content as JsonValue), 'hex');
  return Buffer.from(hex.slice(0, 32), 'hex').toString('base64url');
}
