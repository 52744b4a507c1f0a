import { readFile } from 'node:fs/promises';
import { type LogCheckpoint, logKeyId, parseLogCheckpoint, publicKeyFromPem } from '@pinnstatistik/core';
import { CliError } from '../cli/cli-error.js';

/** The `format` of a trust file: a signed checkpoint an auditor keeps, with its signer's public key. */
export const TRUST_FORMAT = 'pinnstatistik/trusted-checkpoint';

/** What an auditor holds the log to. */
export interface Trust {
  readonly trusted: readonly LogCheckpoint[];
  readonly publicKeys: readonly Uint8Array[];
  /** True when a key was pinned (by `--trust` or `--public-key`). */
  readonly pinned: boolean;
}

/** A trust file's text: the checkpoint (with its leaves) and the public key that signed it. */
export function trustFileText(checkpoint: LogCheckpoint, publicKey: Uint8Array): string {
  return `${JSON.stringify(
    {
      format: TRUST_FORMAT,
      version: 1,
      keyId: logKeyId(publicKey),
      publicKey: Buffer.from(publicKey).toString('base64'),
      checkpoint,
    },
    null,
    1,
  )}\n`;
}

async function readText(option: string, file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    throw new CliError(`${option}: ${file}: no such file`, {
      sv: { message: `${option}: filen finns inte` },
    });
  }
}

/** A trust file, checked for shape: its checkpoint and the signer's key (the checkpoint must be that key's). */
export async function readTrustFile(
  file: string,
): Promise<{ checkpoint: LogCheckpoint; publicKey: Uint8Array }> {
  let value: unknown;
  try {
    value = JSON.parse(await readText('--trust', file));
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`--trust: ${file} is not valid JSON`, {
      sv: { message: '--trust: filen är inte giltig JSON' },
    });
  }
  const record = value as { format?: unknown; publicKey?: unknown; checkpoint?: unknown };
  const checkpoint = parseLogCheckpoint(record.checkpoint);
  const publicKey =
    typeof record.publicKey === 'string'
      ? new Uint8Array(Buffer.from(record.publicKey, 'base64'))
      : undefined;
  if (record.format !== TRUST_FORMAT || checkpoint === undefined || publicKey?.length !== 32)
    throw new CliError(
      `--trust: ${file} is not a trusted checkpoint (save one with verify --save-checkpoint)`,
      {
        sv: {
          message:
            '--trust: filen är ingen betrodd kontrollpunkt (spara en med pinnstatistik verify --save-checkpoint)',
        },
      },
    );
  if (logKeyId(publicKey) !== checkpoint.keyId)
    throw new CliError(`--trust: ${file} holds a checkpoint signed by another key than the one it names`, {
      sv: { message: '--trust: filens kontrollpunkt är signerad med en annan nyckel än den filen anger' },
    });
  return { checkpoint, publicKey };
}

/** The trust given by `--trust` and `--public-key`. */
export async function loadTrust(options: { trust?: string; publicKey?: string }): Promise<Trust> {
  const trusted: LogCheckpoint[] = [];
  const publicKeys: Uint8Array[] = [];
  if (options.trust !== undefined) {
    const { checkpoint, publicKey } = await readTrustFile(options.trust);
    trusted.push(checkpoint);
    publicKeys.push(publicKey);
  }
  if (options.publicKey !== undefined) {
    const key = publicKeyFromPem(await readText('--public-key', options.publicKey));
    if (key === undefined)
      throw new CliError(`--public-key: ${options.publicKey} is not an Ed25519 public key (PEM)`, {
        sv: { message: '--public-key: filen är ingen publik Ed25519-nyckel (PEM)' },
      });
    publicKeys.push(key);
  }
  return { trusted, publicKeys, pinned: publicKeys.length > 0 };
}
