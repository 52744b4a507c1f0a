/**
 * How a payload is stored, as one byte of the clear header: in clear (canonical JSON) or
 * sealed by one of the ciphers. A log can mix ciphers and still be read.
 */
export const CODEC_IDS = {
  plain: 0,
  'aes-256-gcm': 1,
  'xchacha20-poly1305': 2,
} as const;

/** A codec's name. */
export type CodecName = keyof typeof CODEC_IDS;

const NAMES: readonly CodecName[] = ['plain', 'aes-256-gcm', 'xchacha20-poly1305'];

/** The byte of a codec name; throws for a cipher the envelope format does not know. */
export function codecIdOf(name: string): number {
  const id = (CODEC_IDS as Record<string, number>)[name];
  if (id === undefined) throw new TypeError(`no envelope codec id for ${JSON.stringify(name)}`);
  return id;
}

/** The name of a codec byte, or `undefined` for an unknown one. */
export function codecNameOf(id: number): CodecName | undefined {
  return NAMES[id];
}
