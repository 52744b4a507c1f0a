import type { Language } from '@pinnstatistik/core';
import { clauseHeading } from './clause-words.js';
import type { Verdict, VerdictFinding } from './verdict.js';
import { whereVerdictFinding } from './verdict.js';

const words = {
  sv: {
    audit: 'Granskning av',
    events: (events: number, streams: number) =>
      `${events} händelser i ${streams} strömmar; hashkedjorna och Merkleträden kontrollerade.`,
    root: 'Loggens rot',
    signed: (time: string, key: string, pinned: boolean) =>
      `Senaste signerade kontrollpunkt: ${time}, nyckel ${key}${pinned ? '' : ' (inte fastställd av granskaren: ange --public-key eller --trust för att lita på den)'}.`,
    unsigned: (n: number) =>
      `${n} händelse${n === 1 ? '' : 'r'} efter den senaste signerade kontrollpunkten: bara deras hashkedjor går i god för dem.`,
    noCheckpoint:
      'Ingen signerad kontrollpunkt att hålla loggen mot: bara att den hänger ihop med sig själv är kontrollerat; en ändrad fil med omräknade kedjor skulle passera.',
    sealed: (n: number) => `${n} detaljhändelser kan inte längre läsas (förseglade eller utan nyckel).`,
    catalogue: 'Katalog',
    inForce: 'gäller från',
    note: 'Obs',
    clean:
      'Utlåtande: REN — inga avvikelser; loggen är hel och varje post följde katalogen som gällde på sitt datum.',
    notClean: (n: number, rules: number) =>
      `Utlåtande: INTE REN — ${n} avvikelse${n === 1 ? '' : 'r'} under ${rules} ${rules === 1 ? 'regel' : 'regler'}`,
    today: 'idag',
  },
  en: {
    audit: 'Audit of',
    events: (events: number, streams: number) =>
      `${events} events in ${streams} streams; hash chains and Merkle trees checked.`,
    root: 'Log root',
    signed: (time: string, key: string, pinned: boolean) =>
      `Latest signed checkpoint: ${time}, key ${key}${pinned ? '' : ' (not pinned by the auditor: give --public-key or --trust to rely on it)'}.`,
    unsigned: (n: number) =>
      `${n} event${n === 1 ? '' : 's'} after the latest signed checkpoint: only their hash chains vouch for them.`,
    noCheckpoint:
      'No signed checkpoint to hold the log to: only that it is consistent with itself was checked; an edited file with recomputed chains would pass.',
    sealed: (n: number) => `${n} detail events can no longer be read (sealed, or no key here).`,
    catalogue: 'Catalogue',
    inForce: 'in force from',
    note: 'Note',
    clean:
      'Verdict: CLEAN — no findings; the log is whole and every entry complied with the catalogue in force on its date.',
    notClean: (n: number, rules: number) =>
      `Verdict: NOT CLEAN — ${n} finding${n === 1 ? '' : 's'} under ${rules} rule${rules === 1 ? '' : 's'}`,
    today: 'today',
  },
} as const;

function groupByClause(findings: readonly VerdictFinding[]): [string, VerdictFinding[]][] {
  const groups = new Map<string, VerdictFinding[]>();
  for (const finding of findings)
    groups.set(finding.clause, [...(groups.get(finding.clause) ?? []), finding]);
  return [...groups];
}

/** The verdict as readable text: what was read, the log's commitment, notes, then findings grouped by rule. */
export function renderVerdict(verdict: Verdict, source: string, lang: Language): string {
  const w = words[lang];
  const { audit, integrity } = verdict;
  const { verification } = integrity;
  const latest = verification.latest;
  const lines = [
    `${w.audit} ${source} (${w.today} ${audit.today})`,
    `  ${w.events(verification.events, verification.leaves.length)}`,
    `  ${w.root}: ${Buffer.from(verification.root).toString('hex')}`,
    latest === undefined
      ? `  ${w.noCheckpoint}`
      : `  ${w.signed(latest.checkpoint.time, latest.checkpoint.keyId, latest.pinned)}`,
    ...(latest === undefined ? [] : [`  ${w.unsigned(verification.eventsAfterCheckpoint)}`]),
    ...(audit.report.sealedDetail > 0 ? [`  ${w.sealed(audit.report.sealedDetail)}`] : []),
    ...audit.catalogues.map(
      (catalogue) =>
        `  ${w.catalogue} ${lang === 'sv' ? 'version' : catalogue.id} ${catalogue.version} (${w.inForce} ${catalogue.effectiveFrom})`,
    ),
    ...audit.notes.map((note) => `  ${w.note}: ${note[lang]}`),
    '',
  ];
  if (verdict.clean) return [...lines, w.clean, ''].join('\n');
  const groups = groupByClause(verdict.findings);
  lines.push(w.notClean(verdict.findings.length, groups.length));
  for (const [clause, findings] of groups) {
    lines.push('', `${clauseHeading(clause, lang)} (${findings.length})`);
    for (const finding of findings) {
      const where = whereVerdictFinding(finding, lang);
      lines.push(`  ${finding.code}  ${finding.stream}${where === '' ? '' : `  ${where}`}`);
      lines.push(`    ${finding.message[lang]}`);
    }
  }
  return [...lines, ''].join('\n');
}
