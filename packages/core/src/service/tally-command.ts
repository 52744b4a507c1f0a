import * as E from 'fp-ts/lib/Either.js';
import { todayOn } from '../ports/clock.js';
import type { Refusal } from '../refusals/refusal.js';
import { refuse } from '../refusals/refuse.js';
import type { SheetDetailEvent } from '../tally/events.js';
import { parseTallyCommand } from '../tally/parse-tally-command.js';
import { periodOf, type TallyDecision, tallySheetDecider } from '../tally/tally-sheet-decider.js';
import { emptyTallyIndex, type TallyIndex } from '../tally/tally-sheet-state.js';
import { commandDigest } from './command-digest.js';
import { evolveKeptSheet, type LoadedSheet } from './kept-sheet.js';
import type { Receipt, TallyReceipt } from './receipt.js';
import { sealerOf } from './sealer-of.js';
import type { ServiceContext } from './service-context.js';
import type { SheetCache } from './sheet-cache.js';
import { type SheetLoader, withCatalogues } from './sheet-loader.js';
import type { SheetOpener } from './sheet-opener.js';
import { sheetPlan, sheetSealed } from './sheet-writes.js';
import { readTallyToVoid } from './tally-to-void.js';

/** A tally command from untrusted input (`viaSeries` only from the series keeper). */
export type TallyCommandHandler = (
  input: unknown,
  options?: { readonly viaSeries?: boolean },
) => Promise<E.Either<Refusal, TallyReceipt>>;

/** Decides tally commands (contacts, group meetings, visitors, voids) and writes them sealed on their sheet. */
export function createTallyCommand(
  context: ServiceContext,
  cache: SheetCache,
  openSheet: SheetOpener,
  loadSheet: SheetLoader,
): TallyCommandHandler {
  return async (input, options = {}) => {
    const parsed = parseTallyCommand(input, await context.vocabulary());
    if (E.isLeft(parsed)) return parsed;
    const command = parsed.right;
    if (command.type !== 'VoidTally' && command.date > todayOn(context.clock))
      return E.left(refuse.dateInFuture(command.date));
    const period = command.type === 'VoidTally' ? command.period : periodOf(command.date);
    const coordinates = { interventionId: command.interventionId, unitId: command.unitId, period };
    const tallyId = command.type === 'VoidTally' ? command.tallyId : command.commandId;
    const decision: TallyDecision = options.viaSeries === true ? { ...command, viaSeries: true } : command;
    const digest = commandDigest(command);

    const catalogues = await context.catalogues();
    let sheet = cache.registered(coordinates);
    if (sheet === undefined) {
      // Refuse what the policy refuses before a sheet (or a period key) is ever created for it.
      const precheck = tallySheetDecider.decide(decision, { ...tallySheetDecider.initialState, catalogues });
      if (E.isLeft(precheck) && command.type !== 'VoidTally') return precheck;
      const opened = await openSheet(coordinates, command.type !== 'VoidTally');
      if (E.isLeft(opened)) return opened;
      if (opened.right === undefined) {
        return E.left(
          refuse.tallyNotFound({ interventionId: command.interventionId, clause: 'sheet/tallies' }, tallyId),
        );
      }
      sheet = opened.right;
    }
    const open = sheet;
    const isVoid = command.type === 'VoidTally';
    const plan = (events: readonly SheetDetailEvent[]) => {
      const first = events[0];
      return sheetPlan(open, command.commandId, events, {
        digest,
        ...(command.correlationId === undefined ? {} : { correlationId: command.correlationId }),
        ...(command.causationId === undefined ? {} : { causationId: command.causationId }),
        ...(first !== undefined && 'catalogueVersion' in first.data
          ? { catalogueVersion: first.data.catalogueVersion }
          : {}),
      });
    };
    const decideWith = (loaded: LoadedSheet, tallies: TallyIndex) =>
      E.map(plan)(
        tallySheetDecider.decide(decision, {
          catalogues: loaded.state.catalogues,
          closed: loaded.state.closed,
          tallies,
        }),
      );
    const result = await context.writer.run({
      commandId: command.commandId,
      digest,
      lane: open.stream,
      load: () => loadSheet(open, catalogues),
      // A void never follows another command of a batch: it reads back what is stored.
      ...(isVoid ? {} : { continueFrom: (loaded: LoadedSheet) => withCatalogues(loaded, catalogues) }),
      // A void reads its tally back from the store (the sheet keeps where it is, not the tally);
      // a recording does not look at the sheet's tallies, and is decided without a wait.
      decide: (loaded) =>
        isVoid
          ? readTallyToVoid(context.store, loaded, sealerOf(open.key), tallyId).then((tallies) =>
              decideWith(loaded, tallies),
            )
          : decideWith(loaded, emptyTallyIndex),
      evolve: evolveKeptSheet,
      remember: cache.remember,
      deleted: sheetSealed(coordinates),
    });
    return E.map((receipt: Receipt): TallyReceipt => ({ ...receipt, tallyId }))(result);
  };
}
