import { statisticsProjection } from '@pinnstatistik/projections';
import { type CipherName, cipherNamed } from './ciphers.js';
import { foldDigest, foldOfSheets } from './fold-digest.js';
import { openService, recordWorkload } from './measure-pipeline.js';
import { perSecond } from './stats.js';
import { now } from './timer.js';
import { createWorkload } from './workload.js';

/** The command path with a live statistics projection subscribed to the same store. */
export interface LiveResult {
  readonly cipher: CipherName;
  readonly n: number;
  /** Commands per second with the projection folding alongside. */
  readonly commandsPerSec: number;
  /** Events the projection had not yet folded when the last command returned. */
  readonly lagAtEnd: number;
  /** The largest lag seen (sampled every 1,000 commands). */
  readonly maxLag: number;
  /** How long the projection took to fold what was left after the last command. */
  readonly drainMs: number;
  readonly digest: string;
}

/** Records N commands while a subscription folds every stored event into the statistics cube. */
export async function measureLive(n: number, cipherName: CipherName): Promise<LiveResult> {
  const workload = createWorkload(n);
  const cipher = cipherNamed(cipherName);
  const { store, keys, service } = await openService(workload, cipher);
  const projection = statisticsProjection({ keys, ciphers: [cipher] });
  let cube = projection.initial();
  let folded = 0;
  const subscription = store.subscribe(
    {},
    {
      async onEvent(event) {
        cube = await projection.apply(cube, event);
        folded += 1;
      },
    },
  );
  const size = (): number => (store as { size?: number }).size ?? 0;
  let maxLag = 0;
  let recorded = 0;
  const sample = (): void => {
    recorded += 1;
    if (recorded % 1000 === 0) maxLag = Math.max(maxLag, size() - folded);
  };
  const recordMs = await recordWorkload(service, workload, new Float64Array(n), sample);
  const lagAtEnd = size() - folded;
  const drainStart = now();
  while (folded < size()) await new Promise((resolve) => setImmediate(resolve));
  const drainMs = now() - drainStart;
  await subscription.close();
  return {
    cipher: cipherName,
    n,
    commandsPerSec: perSecond(n, recordMs),
    lagAtEnd,
    maxLag: Math.max(maxLag, lagAtEnd),
    drainMs,
    digest: foldDigest(foldOfSheets(cube.sheets())),
  };
}
