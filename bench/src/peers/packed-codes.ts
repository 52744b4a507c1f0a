import type { PeersFold } from './peers-fold.js';
import { AGE_BANDS, DAYS, GENDERS, INTERVENTIONS, type PeerCodes } from './peers-workload.js';

/**
 * An event's codes packed one byte each — intervention, unit, month, day and the seven marks:
 * the compact form a code-list event allows, as pinnstatistik's stores keep a plain event (bytes).
 */
export function packCodes(codes: PeerCodes): Uint8Array {
  const data = new Uint8Array(11);
  data[0] = codes.intervention;
  data[1] = codes.unit;
  data[2] = codes.month;
  data[3] = codes.day;
  data[4] = codes.gender;
  data[5] = codes.ageBand;
  data[6] = codes.children;
  data[7] = codes.household;
  data[8] = codes.problemArea;
  data[9] = codes.routeIn;
  data[10] = codes.furtherAction;
  return data;
}

/** Folds a packed event, through the same `add` (with the same strings) as every peer. */
export function foldPacked(data: Uint8Array, fold: PeersFold): void {
  fold.add(
    INTERVENTIONS[data[0] as number] as string,
    (DAYS[data[2] as number] as string[])[data[3] as number] as string,
    GENDERS[data[4] as number] as string,
    AGE_BANDS[data[5] as number] as string,
  );
}

const hex12 = (value: number): string => value.toString(16).padStart(12, '0');

/** The id of the `index`-th event appended (a UUID, as the core writes them). */
export const packedEventId = (index: number): string => `00000000-0000-4000-8000-${hex12(index)}`;
