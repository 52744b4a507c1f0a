import * as E from 'fp-ts/lib/Either.js';
import type { Catalogue } from '../catalogue/catalogue.js';
import { requiresSeries } from '../catalogue/series-policy.js';
import { seededRandom } from '../ports/random.js';
import type { Refusal } from '../refusals/refusal.js';
import type { CommandService } from '../service/command-service.js';
import type { TallyCommandInput } from '../tally/commands.js';

/** What recording a list of commands did. */
export interface RecordedCommands {
  /** Tally commands recorded (as tallies or as series sessions). */
  readonly recorded: number;
  /** Series opened for interventions that require one, with their tokens (the last of each intervention and unit may still be open). */
  readonly series: readonly {
    readonly token: string;
    readonly interventionId: string;
    readonly unitId: string;
  }[];
}

/** A fresh command id from a seeded source, so a recorded year is the same on every run. */
function idFrom(random: { bytes(length: number): Uint8Array }): string {
  const hex = Buffer.from(random.bytes(16)).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Records one command at a time as {@link recordCommands} does, for callers that interleave their own. */
export interface CommandRecorder {
  /** Records a command (as a tally, or as a session of a series); any refusal throws. */
  record(command: TallyCommandInput): Promise<void>;
  readonly series: RecordedCommands['series'];
  readonly recorded: number;
}

/**
 * A recorder of tally commands (a seeded year, say) that records them through a service as a
 * counsellor would: a contact of an intervention that requires a series (its limit counts
 * contacts) is recorded as a session of a series — closed when it reaches a seeded length
 * within the limit, and a new one opened for the next contact — everything else as a tally.
 */
export function createCommandRecorder(
  service: CommandService,
  catalogue: Catalogue,
  seed = 1,
): CommandRecorder {
  const random = seededRandom(seed);
  const roll = (): number => (random.bytes(1)[0] as number) / 256;
  const policies = new Map(catalogue.interventions.map((policy) => [policy.id, policy]));
  const current = new Map<string, { token: string; used: number; length: number }>();
  const series: { token: string; interventionId: string; unitId: string }[] = [];
  let recorded = 0;
  const must = <T>(result: E.Either<Refusal, T>, what: string): T => {
    if (E.isLeft(result)) throw new Error(`${what} refused: ${result.left.code} — ${result.left.message.en}`);
    return result.right;
  };
  return {
    async record(command) {
      const policy = policies.get(command.interventionId);
      if (command.type === 'TallyContact' && policy !== undefined && requiresSeries(policy)) {
        const max = policy.series?.maxContacts ?? 1;
        const key = `${command.interventionId}/${command.unitId}`;
        let open = current.get(key);
        if (open === undefined || open.used >= open.length) {
          const opened = must(
            await service.openSeries({
              type: 'OpenSeries',
              commandId: idFrom(random),
              interventionId: command.interventionId,
              unitId: command.unitId,
            }),
            'opening a series',
          );
          open = { token: opened.token, used: 0, length: 1 + Math.floor(roll() * max) };
          current.set(key, open);
          series.push({
            token: opened.token,
            interventionId: command.interventionId,
            unitId: command.unitId,
          });
        }
        must(
          await service.recordSession({
            type: 'RecordSession',
            commandId: command.commandId,
            token: open.token,
            date: command.date,
            marks: command.marks ?? {},
          }),
          'a session',
        );
        open.used += 1;
        if (open.used >= open.length) {
          // Done: the counsellor closes the series, as the policy expects (its notes go with it).
          must(
            await service.closeSeries({
              type: 'CloseSeries',
              commandId: idFrom(random),
              token: open.token,
              reason: 'completed',
            }),
            'closing a series',
          );
        }
      } else {
        must(await service.tally(command), `a ${command.type}`);
      }
      recorded += 1;
    },
    series,
    get recorded() {
      return recorded;
    },
  };
}

/** Records tally commands through a service with {@link createCommandRecorder}. Any refusal throws. */
export async function recordCommands(
  service: CommandService,
  catalogue: Catalogue,
  commands: Iterable<TallyCommandInput>,
  seed = 1,
): Promise<RecordedCommands> {
  const recorder = createCommandRecorder(service, catalogue, seed);
  for (const command of commands) await recorder.record(command);
  return { recorded: recorder.recorded, series: recorder.series };
}
