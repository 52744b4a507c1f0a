import * as E from 'fp-ts/lib/Either.js';
import { catalogueVersion } from '../catalogue/catalogue-history.js';
import type { Refusal } from '../refusals/refusal.js';
import { refuse } from '../refusals/refuse.js';
import { type AmendSheet, AmendSheetSchema } from '../sealing/amend-sheet.js';
import type { SheetAmended } from '../sealing/period-events.js';
import { evolvePeriod } from '../sealing/period-state.js';
import { parseInput } from '../tally/parse-tally-command.js';
import { createTablesAccumulator } from '../tally/sheet-tables.js';
import { tallySheetDecider } from '../tally/tally-sheet-decider.js';
import { commandDigest } from './command-digest.js';
import type { PeriodLoader } from './period-loader.js';
import { provenAmendment } from './proven-amendment.js';
import { isProvenSealed, sealProofKey } from './proven-seal.js';
import type { Receipt } from './receipt.js';
import type { ServiceContext } from './service-context.js';

/** Amends sealed sheets: the tally is checked exactly as a new one would be, then stored as a delta. */
export function createSheetAmender(context: ServiceContext, periods: PeriodLoader) {
  const amendSheet = async (input: AmendSheet): Promise<E.Either<Refusal, Receipt>> => {
    const parsed = parseInput(AmendSheetSchema, input, undefined, await context.vocabulary());
    if (E.isLeft(parsed)) return parsed;
    const amendment = parsed.right;
    const { commandId, interventionId, unitId, period, tally } = amendment;
    const date = `${period}-01`;
    const base = { commandId, interventionId, unitId, date };
    const command =
      tally.type === 'contact'
        ? // A correction is not a new contact of a series: the series requirement does not apply.
          { type: 'TallyContact' as const, ...base, marks: tally.marks, viaSeries: true }
        : tally.type === 'group-meeting'
          ? { type: 'TallyGroupMeeting' as const, ...base, participants: tally.participants }
          : { type: 'TallyVisitors' as const, ...base, visitors: tally.visitors };
    const history = await context.catalogues();
    const decided = tallySheetDecider.decide(command, {
      ...tallySheetDecider.initialState,
      catalogues: history,
    });
    if (E.isLeft(decided)) return decided;
    const [event] = decided.right;
    if (event === undefined || event.type === 'TallyVoided')
      throw new Error('an amendment decides exactly one tally');
    const crossTabulations = (version: string) =>
      catalogueVersion(history, version)?.interventions.find((policy) => policy.id === interventionId)?.tally
        .contact?.crossTabulations ?? [];
    const accumulator = createTablesAccumulator(crossTabulations);
    accumulator.addTally(event, amendment.change);
    const amended: SheetAmended = {
      type: 'SheetAmended',
      data: {
        interventionId,
        unitId,
        period,
        catalogueVersion: event.data.catalogueVersion,
        reason: amendment.reason,
        delta: accumulator.tables(),
      },
    };
    const digest = commandDigest(amendment);
    const proofKey = await sealProofKey(context.keyRing);
    return context.writer.run({
      commandId,
      digest,
      load: () => periods.load(period),
      decide: (loaded) =>
        isProvenSealed(loaded, proofKey)
          ? E.right({
              commandId,
              events: [provenAmendment(amended, loaded, proofKey)],
              digest,
              catalogueVersion: event.data.catalogueVersion,
            })
          : E.left(refuse.periodNotSealed(period)),
      evolve: evolvePeriod,
      remember: (loaded) => periods.remember(period, loaded),
    });
  };
  return { amendSheet };
}
