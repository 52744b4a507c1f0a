import type { LocalizedText } from '@pinnstatistik/core';
import type { RetentionFacts } from './retention-facts.js';

/**
 * What a finding means for the window in which deleted rows and destroyed keys survive:
 * `window` — this lengthens it; `unknown` — the role could not read what would tell; `note` —
 * worth knowing, lengthens nothing by itself.
 */
export type RetentionSeverity = 'window' | 'unknown' | 'note';

/** One thing the server's configuration or state says about that window. */
export interface RetentionFinding {
  readonly code:
    | 'ARCHIVING'
    | 'ARCHIVE_COMMAND_WITHOUT_MODE'
    | 'WAL_KEEP_SIZE'
    | 'REPLICATION_SLOT'
    | 'SLOT_WAL_UNLIMITED'
    | 'STANDBY_FEEDBACK'
    | 'LONG_TRANSACTION'
    | 'PREPARED_TRANSACTION'
    | 'NO_IDLE_TRANSACTION_TIMEOUT'
    | 'KEYS_IN_EVENTS_DATABASE'
    | 'KEYS_IN_EVENTS_CLUSTER'
    | 'KEYS_PLACE_UNKNOWN'
    | 'COMMIT_TIMESTAMPS'
    | 'STATEMENT_LOGGING'
    | 'LOGICAL_DECODING'
    | 'LOCAL_WAL'
    | 'NOT_VISIBLE';
  readonly severity: RetentionSeverity;
  readonly message: LocalizedText;
}

const bytes = (value: number): string =>
  value >= 1024 ** 3
    ? `${(value / 1024 ** 3).toFixed(1)} GB`
    : value >= 1024 ** 2
      ? `${(value / 1024 ** 2).toFixed(1)} MB`
      : `${Math.max(0, Math.round(value / 1024))} kB`;

const duration = (seconds: number): LocalizedText => {
  if (seconds >= 86_400) {
    const days = Math.floor(seconds / 86_400);
    return { sv: `${days} dygn`, en: `${days} day${days === 1 ? '' : 's'}` };
  }
  if (seconds >= 3_600) {
    const hours = Math.floor(seconds / 3_600);
    return {
      sv: `${hours} ${hours === 1 ? 'timme' : 'timmar'}`,
      en: `${hours} hour${hours === 1 ? '' : 's'}`,
    };
  }
  const minutes = Math.max(1, Math.floor(seconds / 60));
  return {
    sv: `${minutes} ${minutes === 1 ? 'minut' : 'minuter'}`,
    en: `${minutes} minute${minutes === 1 ? '' : 's'}`,
  };
};

/** `wal_keep_size` and friends come as a number and a unit (`0 MB`, `-1 MB`). */
const sizeSetting = (value: string | undefined): number | undefined =>
  value === undefined ? undefined : Number(value.split(' ')[0]);

/** Reads the facts as findings, most serious first. Pure: the tests feed it facts directly. */
export function retentionFindings(facts: RetentionFacts): RetentionFinding[] {
  const findings: RetentionFinding[] = [];
  const { settings } = facts;
  const add = (finding: RetentionFinding): void => void findings.push(finding);

  const archiveMode = settings.archive_mode;
  const archiver = [settings.archive_command, settings.archive_library].some(
    (value) => value !== undefined && value !== '' && value !== '(disabled)',
  );
  if (archiveMode === 'on' || archiveMode === 'always')
    add({
      code: 'ARCHIVING',
      severity: 'window',
      message: {
        sv: `WAL-arkivering är påslagen (archive_mode = ${archiveMode}). Varje raderad rad och varje förstörd nyckel finns kvar i arkivet så länge arkivet sparar sina WAL-filer. Den tiden bestäms av arkivets lagringsregler, inte av PostgreSQL.`,
        en: `WAL archiving is on (archive_mode = ${archiveMode}). Every deleted row and every destroyed key stays in the archive for as long as the archive keeps its WAL files — its retention policy decides, not PostgreSQL.`,
      },
    });
  else if (archiver)
    add({
      code: 'ARCHIVE_COMMAND_WITHOUT_MODE',
      severity: 'note',
      message: {
        sv: 'Ett arkiveringskommando är inställt men archive_mode är avslaget, så inget arkiveras nu. Slås arkiveringen på börjar raderade rader och nycklar sparas i arkivet.',
        en: 'An archive command is set but archive_mode is off, so nothing is archived now. Turning archiving on would start keeping deleted rows and keys in the archive.',
      },
    });
  if (
    archiveMode === undefined ||
    (settings.archive_command === undefined && settings.archive_library === undefined)
  )
    add({
      code: 'NOT_VISIBLE',
      severity: 'unknown',
      message: {
        sv: 'Rollen får inte läsa arkiveringsinställningarna (ge den pg_read_all_settings). Om WAL arkiveras går därför inte att avgöra.',
        en: 'The role may not read the archiving settings (grant it pg_read_all_settings), so whether WAL is archived cannot be told.',
      },
    });

  const walKeep = sizeSetting(settings.wal_keep_size);
  if (walKeep !== undefined && walKeep > 0)
    add({
      code: 'WAL_KEEP_SIZE',
      severity: 'window',
      message: {
        sv: `wal_keep_size = ${settings.wal_keep_size}: servern behåller alltid minst så mycket WAL i pg_wal, och raderade rader och förstörda nycklar med den.`,
        en: `wal_keep_size = ${settings.wal_keep_size}: the server always keeps at least that much WAL in pg_wal, and deleted rows and destroyed keys with it.`,
      },
    });

  for (const slot of facts.slots ?? []) {
    const kept = slot.retainedBytes === undefined ? undefined : bytes(slot.retainedBytes);
    add({
      code: 'REPLICATION_SLOT',
      severity: 'window',
      message: {
        sv: `Replikeringsplatsen ${slot.name} (${slot.type === 'logical' ? 'logisk' : 'fysisk'}, ${slot.active ? 'används' : 'används inte'}) håller kvar WAL${kept === undefined ? '' : ` (nu ${kept})`} tills dess mottagare har hunnit ikapp${slot.active ? '' : ' – och en plats som inte används håller kvar den hur länge som helst'}.${slot.holdsRows ? ' Den hindrar också vacuum från att ta bort raderade rader ur tabellfilerna.' : ''}`,
        en: `Replication slot ${slot.name} (${slot.type}, ${slot.active ? 'active' : 'inactive'}) keeps WAL${kept === undefined ? '' : ` (${kept} now)`} until its consumer has caught up${slot.active ? '' : ' — and an inactive slot keeps it indefinitely'}.${slot.holdsRows ? ' It also keeps vacuum from removing deleted rows from the table files.' : ''}`,
      },
    });
  }
  if (facts.slots === undefined)
    add({
      code: 'NOT_VISIBLE',
      severity: 'unknown',
      message: {
        sv: 'Rollen får inte läsa replikeringsplatserna, så om någon håller kvar WAL går inte att avgöra.',
        en: 'The role may not read the replication slots, so whether one keeps WAL cannot be told.',
      },
    });
  const slotLimit = sizeSetting(settings.max_slot_wal_keep_size);
  if ((facts.slots?.length ?? 0) > 0 && slotLimit === -1)
    add({
      code: 'SLOT_WAL_UNLIMITED',
      severity: 'window',
      message: {
        sv: 'max_slot_wal_keep_size = -1: det finns ingen gräns för hur mycket WAL en replikeringsplats får hålla kvar. Sätt en gräns, till exempel några GB.',
        en: 'max_slot_wal_keep_size = -1: there is no limit to how much WAL a replication slot may keep. Set one, a few GB for instance.',
      },
    });

  const standbys = facts.feedbackStandbys ?? [];
  if (standbys.length > 0 || (facts.inRecovery && settings.hot_standby_feedback === 'on'))
    add({
      code: 'STANDBY_FEEDBACK',
      severity: 'window',
      message: {
        sv: `Frågor på en replik (${standbys.length > 0 ? standbys.join(', ') : 'den här servern'}) hindrar vacuum på primärservern (hot_standby_feedback): raderade rader ligger kvar i tabellfilerna så länge de frågorna pågår.`,
        en: `Queries on a standby (${standbys.length > 0 ? standbys.join(', ') : 'this server'}) hold back vacuum on the primary (hot_standby_feedback): deleted rows stay in the table files while they run.`,
      },
    });
  const applyDelay = settings.recovery_min_apply_delay;
  if (facts.inRecovery && applyDelay !== undefined && Number(applyDelay.split(' ')[0]) > 0)
    add({
      code: 'STANDBY_FEEDBACK',
      severity: 'window',
      message: {
        sv: `Den här repliken väntar med att tillämpa ändringar (recovery_min_apply_delay = ${applyDelay}): raderade rader och förstörda nycklar finns kvar här minst så länge.`,
        en: `This standby delays applying changes (recovery_min_apply_delay = ${applyDelay}): deleted rows and destroyed keys survive here at least that long.`,
      },
    });

  if (facts.longTransactions === undefined)
    add({
      code: 'NOT_VISIBLE',
      severity: 'unknown',
      message: {
        sv: 'Rollen får inte se andra sessioner (ge den pg_read_all_stats), så långa transaktioner som hindrar vacuum går inte att upptäcka.',
        en: 'The role may not see other sessions (grant it pg_read_all_stats), so long transactions that hold back vacuum cannot be found.',
      },
    });
  for (const transaction of facts.longTransactions ?? []) {
    const open = duration(transaction.seconds);
    add({
      code: 'LONG_TRANSACTION',
      severity: 'window',
      message: {
        sv: `En transaktion har varit öppen i ${open.sv} (process ${transaction.pid}, databas ${transaction.database}, program "${transaction.application}", ${transaction.state}). Så länge den pågår kan komprimeringen inte ta bort raderade rader som den kan se, och att en nyckel är förstörd går inte att bekräfta.`,
        en: `A transaction has been open for ${open.en} (pid ${transaction.pid}, database ${transaction.database}, application "${transaction.application}", ${transaction.state}). While it runs, compaction cannot remove deleted rows it may still see, and destroying keys answers "residue".`,
      },
    });
  }
  if ((facts.preparedTransactions ?? 0) > 0)
    add({
      code: 'PREPARED_TRANSACTION',
      severity: 'window',
      message: {
        sv: `${facts.preparedTransactions} förberedda transaktioner (pg_prepared_xacts) hindrar vacuum tills de slutförs eller avbryts.`,
        en: `${facts.preparedTransactions} prepared transaction(s) (pg_prepared_xacts) hold back vacuum until committed or rolled back.`,
      },
    });
  if (
    settings.idle_in_transaction_session_timeout === '0 ms' ||
    settings.idle_in_transaction_session_timeout === '0'
  )
    add({
      code: 'NO_IDLE_TRANSACTION_TIMEOUT',
      severity: 'note',
      message: {
        sv: 'idle_in_transaction_session_timeout = 0: ingenting avslutar en bortglömd öppen transaktion. Sätt till exempel 5 minuter.',
        en: 'idle_in_transaction_session_timeout = 0: nothing ends a forgotten open transaction. Set 5 minutes, for instance.',
      },
    });

  switch (facts.keyPlace) {
    case 'events-database':
    case 'not-given':
      if (facts.keyPlace === 'events-database' || (facts.keysInEventsSchema ?? 0) > 0)
        add({
          code: 'KEYS_IN_EVENTS_DATABASE',
          severity: 'window',
          message: {
            sv: `Nycklarna finns i samma databas som händelserna${facts.keysInEventsSchema === undefined ? '' : ` (${facts.keysInEventsSchema} levande ${facts.keysInEventsSchema === 1 ? 'nyckel' : 'nycklar'})`}. En kopia eller säkerhetskopia av databasen innehåller då nycklarna som öppnar öppna perioder; bara förseglade perioder och avslutade serier är skyddade. Lägg nycklarna i en egen databas, helst ett eget kluster, med kort lagringstid.`,
            en: `The keys are in the same database as the events${facts.keysInEventsSchema === undefined ? '' : ` (${facts.keysInEventsSchema} live key${facts.keysInEventsSchema === 1 ? '' : 's'})`}. A copy or backup of the database then carries the keys that open its open periods; only sealed periods and closed series are protected. Keep keys in a database of their own, preferably their own cluster, with a short retention.`,
          },
        });
      break;
    case 'events-cluster':
      add({
        code: 'KEYS_IN_EVENTS_CLUSTER',
        severity: 'window',
        message: {
          sv: 'Nycklarna finns i en annan databas men i samma kluster som händelserna. Klustrets WAL, arkiv och fysiska säkerhetskopior innehåller båda, med händelsernas långa lagringstid. Ett eget kluster ger nycklarna en egen, kort lagringstid.',
          en: "The keys are in another database but the same cluster as the events. The cluster's WAL, archive and physical backups hold both, with the events' long retention. A cluster of their own gives the keys a short retention of their own.",
        },
      });
      break;
    case 'unknown':
      add({
        code: 'KEYS_PLACE_UNKNOWN',
        severity: 'unknown',
        message: {
          sv: 'Om nycklarnas server är samma som händelsernas gick inte att avgöra (rollerna får inte läsa pg_control_system).',
          en: "Whether the keys' server is the events' server could not be told (the roles may not read pg_control_system).",
        },
      });
      break;
    default:
      break;
  }

  if (settings.track_commit_timestamp === 'on')
    add({
      code: 'COMMIT_TIMESTAMPS',
      severity: 'window',
      message: {
        sv: 'track_commit_timestamp = on: servern sparar när varje transaktion skrevs – alltså när varje räkning gjordes. Stäng av det.',
        en: 'track_commit_timestamp = on: the server keeps when every transaction was written — when every tally was made. Turn it off.',
      },
    });
  const minDuration = Number((settings.log_min_duration_statement ?? '-1').split(' ')[0]);
  const parametersLogged = (settings.log_parameter_max_length ?? '-1').split(' ')[0] !== '0';
  if (
    settings.log_statement === 'mod' ||
    settings.log_statement === 'all' ||
    (minDuration >= 0 && parametersLogged)
  )
    add({
      code: 'STATEMENT_LOGGING',
      severity: 'window',
      message: {
        sv: `Serverloggen kan innehålla frågornas parametrar (log_statement = ${settings.log_statement ?? 'okänt'}, log_min_duration_statement = ${settings.log_min_duration_statement ?? 'okänt'}): nyckelbytes när nycklar skapas och händelsebytes när de skrivs, så länge loggarna sparas. Sätt log_statement till none eller ddl och log_parameter_max_length till 0.`,
        en: `The server log may hold statement parameters (log_statement = ${settings.log_statement ?? 'unknown'}, log_min_duration_statement = ${settings.log_min_duration_statement ?? 'unknown'}): key bytes when keys are created, event bytes when appended, for as long as logs are kept. Set log_statement to none or ddl and log_parameter_max_length to 0.`,
      },
    });
  if (settings.wal_level === 'logical')
    add({
      code: 'LOGICAL_DECODING',
      severity: 'note',
      message: {
        sv: 'wal_level = logical: ändringar kan strömmas ut till andra system (logisk replikering, CDC). Det som tagits emot där omfattas inte av raderingen.',
        en: 'wal_level = logical: changes can be streamed to other systems (logical replication, CDC). What they received is beyond the deletion.',
      },
    });
  add({
    code: 'LOCAL_WAL',
    severity: 'note',
    message: {
      sv: `Lokal WAL: pg_wal återanvänder sina filer efter kontrollpunkter, men tills de skrivs över finns raderade rader och förstörda nycklar kvar där – upp till max_wal_size (${settings.max_wal_size ?? 'okänt'}). Säkerhetskopior ni själva tar syns inte härifrån och har sin egen lagringstid.`,
      en: `Local WAL: pg_wal reuses its files after checkpoints, but until they are overwritten deleted rows and destroyed keys remain there — up to max_wal_size (${settings.max_wal_size ?? 'unknown'}). Backups you take yourselves are not visible from here and have their own retention.`,
    },
  });

  const order: Record<RetentionSeverity, number> = { window: 0, unknown: 1, note: 2 };
  return findings.sort((a, b) => order[a.severity] - order[b.severity]);
}

/** The verdict in plain words, from the findings. */
export function retentionVerdict(findings: readonly RetentionFinding[]): LocalizedText {
  const lengthening = findings.filter((finding) => finding.severity === 'window').length;
  const unknown = findings.filter((finding) => finding.severity === 'unknown').length;
  if (lengthening === 0 && unknown === 0)
    return {
      sv: 'Inget i serverns inställningar förlänger tiden som raderade rader och förstörda nycklar finns kvar, utöver lokal WAL tills den skrivs över. Era egna säkerhetskopior avgör resten.',
      en: 'Nothing in the server’s settings keeps deleted rows and destroyed keys beyond local WAL until it is overwritten. Your own backups decide the rest.',
    };
  const parts: LocalizedText[] = [];
  if (lengthening > 0)
    parts.push({
      sv: `${lengthening} ${lengthening === 1 ? 'sak förlänger' : 'saker förlänger'} tiden som raderade rader och förstörda nycklar finns kvar`,
      en: `${lengthening} thing${lengthening === 1 ? '' : 's'} keep${lengthening === 1 ? 's' : ''} deleted rows and destroyed keys longer`,
    });
  if (unknown > 0)
    parts.push({
      sv: `${unknown} ${unknown === 1 ? 'sak' : 'saker'} gick inte att kontrollera`,
      en: `${unknown} thing${unknown === 1 ? '' : 's'} could not be checked`,
    });
  return {
    sv: `${parts.map((part) => part.sv).join(', och ')}. Det som raderas eller förstörs är borta först när det sista av detta har släppt det.`,
    en: `${parts.map((part) => part.en).join(', and ')}. What is deleted or destroyed is gone only once the last of these lets go of it.`,
  };
}
