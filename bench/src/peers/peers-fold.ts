import { createHash } from 'node:crypto';
import { AGE_BANDS, GENDERS, INTERVENTIONS, MONTHS } from './peers-workload.js';

const indexOf = (list: readonly string[]): Map<string, number> =>
  new Map(list.map((value, index) => [value, index]));
const INTERVENTION = indexOf(INTERVENTIONS);
const GENDER = indexOf(GENDERS);
const AGE_BAND = indexOf(AGE_BANDS);
const MONTH = indexOf(MONTHS);

/**
 * The PEERS fold: tallies per intervention × month, contacts per intervention × month × gender
 * and per intervention × age band, in flat counters. Every implementation folds through the
 * same `add` with the event's strings, so the fold costs each of them the same.
 */
export interface PeersFold {
  add(interventionId: string, date: string, gender: string, ageBand: string): void;
  /** SHA-256 (16 hex) of the non-zero cells, named: equal folds, equal digests. */
  digest(): string;
}

/** An empty fold. */
export function createPeersFold(): PeersFold {
  const months = MONTHS.length;
  const genders = GENDERS.length;
  const tallies = new Int32Array(INTERVENTIONS.length * months);
  const byGender = new Int32Array(INTERVENTIONS.length * months * genders);
  const byAge = new Int32Array(INTERVENTIONS.length * AGE_BANDS.length);
  return {
    add(interventionId, date, gender, ageBand) {
      const intervention = INTERVENTION.get(interventionId) as number;
      const month = MONTH.get(date.slice(0, 7)) as number;
      const cell = intervention * months + month;
      tallies[cell] = (tallies[cell] as number) + 1;
      const genderCell = cell * genders + (GENDER.get(gender) as number);
      byGender[genderCell] = (byGender[genderCell] as number) + 1;
      const ageCell = intervention * AGE_BANDS.length + (AGE_BAND.get(ageBand) as number);
      byAge[ageCell] = (byAge[ageCell] as number) + 1;
    },
    digest() {
      const cells: string[] = [];
      INTERVENTIONS.forEach((intervention, i) => {
        MONTHS.forEach((month, m) => {
          const cell = i * months + m;
          if (tallies[cell] !== 0) cells.push(`t|${intervention}|${month}=${tallies[cell]}`);
          GENDERS.forEach((gender, g) => {
            const count = byGender[cell * genders + g] as number;
            if (count !== 0) cells.push(`g|${intervention}|${month}|${gender}=${count}`);
          });
        });
        AGE_BANDS.forEach((band, a) => {
          const count = byAge[i * AGE_BANDS.length + a] as number;
          if (count !== 0) cells.push(`a|${intervention}|${band}=${count}`);
        });
      });
      return createHash('sha256').update(cells.join('\n')).digest('hex').slice(0, 16);
    },
  };
}
