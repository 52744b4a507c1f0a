import {
  type Assumption,
  type Catalogue,
  CONTACT_UNIT_LABELS,
  canonicalJson,
  citeProvision,
  type Dimension,
  type InterventionPolicy,
  type JsonValue,
} from '@pinnstatistik/core';
import { bandingSummary, seriesSummary } from './render-catalogue-page.js';
import { type SeedRow, seedDefinitions, seedRows } from './seed-rows.js';

const escapeCell = (text: string): string => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
const quote = (text: string | undefined): string =>
  text === undefined ? '— (nothing)' : `«${escapeCell(text)}»`;
/** The source with its line breaks and double spaces folded, as quotations are compared. */
export const foldSource = (text: string): string => text.replace(/\s+/g, ' ').trim();

function assumptionLines(assumptions: readonly Assumption[] | undefined): string[] {
  return (assumptions ?? []).map(
    (assumption) =>
      `- **${assumption.kind}** (\`${assumption.about}\`): ${assumption.text.sv}<br>*${assumption.text.en}*`,
  );
}

function dimensionLine(dimension: Dimension | undefined, id: string): string {
  if (dimension === undefined) return `\`${id}\` (unknown)`;
  const label = `${dimension.label.sv} (\`${id}\`)`;
  switch (dimension.kind) {
    case 'code-list':
      return `${label}: code list \`${dimension.codeList}\``;
    case 'count':
      return `${label}: count, top-coded at ${dimension.topCode}+`;
    case 'age':
      return `${label}: ${bandingSummary(dimension.banding, dimension.ages)}`;
    case 'age-list':
      return `${label}: one age per ${dimension.counts.en === 'children' ? 'child' : 'person'}${dimension.matchesCount === undefined ? '' : ` (as many as \`${dimension.matchesCount}\`)`}, ${bandingSummary(dimension.banding, dimension.ages)}, in a table of its own that counts ${dimension.counts.en}`;
  }
}

function talliedCell(policy: InterventionPolicy, catalogue: Catalogue): string {
  const parts: string[] = [];
  const contact = policy.tally.contact;
  if (contact !== undefined) {
    parts.push(
      `one tally per ${CONTACT_UNIT_LABELS[contact.countedAs].en.replace(/s$/, '')} («${CONTACT_UNIT_LABELS[contact.countedAs].sv}»)`,
    );
    for (const id of contact.dimensions)
      parts.push(
        dimensionLine(
          catalogue.dimensions.find((dimension) => dimension.id === id),
          id,
        ),
      );
    for (const group of contact.oneOf ?? [])
      parts.push(
        `exactly one of ${group.map((id) => `\`${id}\``).join(' / ')} per contact, the other «not-applicable»`,
      );
    for (const pair of contact.crossTabulations) parts.push(`cross-tabulation ${pair.join(' × ')}`);
  }
  if (policy.tally.groupMeeting !== undefined)
    parts.push(`group meetings, ${policy.tally.groupMeeting.participants.join(' and ')} by gender`);
  if (policy.tally.visitors !== undefined) parts.push('visitors by gender');
  if (policy.series !== undefined) {
    parts.push(`series: ${seriesSummary(policy).replaceAll('**', '')}`);
    if (policy.series.source !== undefined) parts.push(`limit quoted: «${policy.series.source.sv}»`);
    if (policy.series.reading !== undefined) parts.push(`reading: ${policy.series.reading.sv}`);
  }
  return parts.length === 0 ? 'nothing is tallied' : escapeCell(parts.join('; '));
}

function targetCell(policy: InterventionPolicy): string {
  const range = policy.targetGroup.ageRange;
  const ages =
    range === undefined
      ? 'no age range'
      : range.enforcedOn === undefined
        ? `ages ${range.min ?? ''}–${range.max ?? ''}, not checked (nothing recorded carries the age)`
        : `ages ${range.min ?? ''}–${range.max ?? ''} checked at the door on the exact \`${range.enforcedOn}\`, stored as its group`;
  return escapeCell(`${policy.targetGroup.text.sv} — ${ages}`);
}

function documentationCell(policy: InterventionPolicy): string {
  const documentation = policy.documentation;
  switch (documentation.kind) {
    case 'aggregate':
      return '`aggregate`: tallies only';
    case 'aggregate-with-working-notes':
      return `\`aggregate-with-working-notes\`: tallies, and working notes in a series${documentation.alsoCovers.length > 0 ? ` (also: ${documentation.alsoCovers.map((item) => item.sv).join(', ')})` : ''}, destroyed when it closes`;
    case 'exempt':
      return '`exempt`: every recording refused, with the ground';
    case 'case-record-required':
      return escapeCell(`\`case-record-required\`: refused, pointing to ${documentation.system.sv}`);
  }
}

function groundCell(policy: InterventionPolicy, source: string): string {
  const texts = [
    ...(policy.documentation.kind === 'exempt' ? [policy.documentation.ground.sv] : []),
    ...(policy.exemptionGround === undefined ? [] : [policy.exemptionGround.sv]),
    ...(policy.documentation.kind === 'case-record-required' && policy.description !== undefined
      ? [policy.description.sv]
      : []),
  ];
  if (texts.length === 0) return '—';
  return texts
    .map((text) => {
      const sentences = foldSource(text).split(/(?<=\.) (?=[A-ZÅÄÖ])/);
      const verbatim = sentences.every((sentence) => source.includes(sentence));
      return `«${escapeCell(text)}» (${verbatim ? 'verbatim' : '**not found in the source**'})`;
    })
    .join(' ');
}

/** What changed in a policy between two versions, by aspect. */
function changes(policy: InterventionPolicy, previous: InterventionPolicy | undefined): string {
  if (previous === undefined) return 'new';
  const aspects: [string, unknown, unknown][] = [
    ['target group', policy.targetGroup, previous.targetGroup],
    ['documentation', policy.documentation, previous.documentation],
    ['tallies', policy.tally, previous.tally],
    ['series', policy.series, previous.series],
    ['ground', policy.exemptionGround, previous.exemptionGround],
    ['description', policy.description, previous.description],
  ];
  const same = (a: unknown, b: unknown) =>
    canonicalJson((a ?? null) as JsonValue) === canonicalJson((b ?? null) as JsonValue);
  const changed = aspects.filter(([, now, before]) => !same(now, before)).map(([aspect]) => aspect);
  return changed.length === 0 ? '—' : changed.join(', ');
}

/** How a row's note (Anm) is applied. */
function noteCell(policy: InterventionPolicy, note: string | undefined): string {
  if (note === undefined) return '—';
  if (policy.description !== undefined && foldSource(policy.description.sv).includes(note))
    return 'quoted in the description';
  if (/Ålder vuxen/.test(note) && policy.tally.contact?.dimensions.includes('adultAge'))
    return 'applied: `adultAge` in five-year classes (see the dimensions)';
  return 'see the assumptions';
}

function rowSection(
  policy: InterventionPolicy,
  row: SeedRow | undefined,
  catalogue: Catalogue,
  previous: Catalogue,
  source: string,
): string[] {
  const units = policy.responsibleUnits
    .map((id) => catalogue.units.find((unit) => unit.id === id)?.name.sv ?? id)
    .join(', ');
  const before = previous.interventions.find((candidate) => candidate.id === policy.id);
  return [
    `### ${policy.sourceRow ?? ''}. ${policy.name.sv} (\`${policy.id}\`)`,
    '',
    '| | the source says | the catalogue encodes |',
    '|---|---|---|',
    `| Insats | ${quote(row?.name)} | ${escapeCell(policy.name.sv)} / ${escapeCell(policy.name.en)} |`,
    `| Målgrupp | ${quote(row?.targetGroup)} | ${targetCell(policy)} |`,
    `| Ansvarig | ${quote(row?.responsible)} | ${escapeCell(units)} |`,
    `| Dokumentation | ${quote(row?.documentation)} | ${documentationCell(policy)} |`,
    `| Dokumentationsnivå | ${quote(row?.level)} | ${talliedCell(policy, catalogue)} |`,
    `| Undantag från dokumentationskrav | ${quote(row?.ground)} | ${groundCell(policy, source)} |`,
    `| Anm | ${quote(row?.note)} | ${noteCell(policy, row?.note)} |`,
    '',
    ...(policy.assumptions === undefined || policy.assumptions.length === 0
      ? ['No assumption or deviation beyond the catalogue-wide ones above.']
      : ['Assumptions and deviations:', '', ...assumptionLines(policy.assumptions)]),
    '',
    `Changed since version ${previous.version}: ${changes(policy, before)}.`,
    '',
  ];
}

/**
 * The review table: per row of the source, what the source says (verbatim) and what the
 * catalogue encodes (from the data), with every assumption and deviation the data marks and
 * its reason. Generated, so it cannot drift from the data; a test fails when it does.
 */
export function renderReviewPage(catalogue: Catalogue, previous: Catalogue, sourceText: string): string {
  const source = foldSource(sourceText);
  const count = (assumptions: readonly Assumption[] | undefined, kind: Assumption['kind']) =>
    (assumptions ?? []).filter((assumption) => assumption.kind === kind).length;
  const headerAbout = (about: string) => !about.startsWith('dimensions/') && about !== 'codeLists';
  const lines: string[] = [
    `# Review of the ${catalogue.municipality.name} catalogue, version ${catalogue.version}, against its source`,
    '',
    '<!-- Generated from the catalogue data and docs/tools/seed-rows.ts by `pnpm docs:catalogue`; a test fails when this page and the data differ. -->',
    '',
    'For each row of the source page ([docs/source/](source/)), what the page says — quoted verbatim,',
    'its line breaks folded and its spelling kept — beside what the catalogue encodes, generated from',
    'the data. Every place where the catalogue says more than the page, or something else, is marked',
    'in the data as an **assumption** (the project fills a gap or reads an ambiguous cell) or a',
    '**deviation** (the project departs from the page on purpose), with its reason in Swedish and',
    'English; nothing else is added. A catalogue text marked *verbatim* was found word for word in',
    'the source.',
    '',
    '## Overview',
    '',
    `| # | intervention | id | assumptions | deviations | changed since ${previous.version} |`,
    '|---|---|---|---|---|---|',
  ];
  for (const policy of catalogue.interventions) {
    const before = previous.interventions.find((candidate) => candidate.id === policy.id);
    lines.push(
      `| ${policy.sourceRow ?? ''} | ${escapeCell(policy.name.sv)} | \`${policy.id}\` | ${count(policy.assumptions, 'assumption')} | ${count(policy.assumptions, 'deviation')} | ${changes(policy, before)} |`,
    );
  }
  lines.push(
    '',
    '## The header',
    '',
    '| field | the source says | the catalogue encodes |',
    '|---|---|---|',
    `| decision body | — (not on the page) | «${catalogue.decision.body}» |`,
    `| diary number | — (not on the page) | «${catalogue.decision.diaryNumber}» |`,
    `| decision date | — (not on the page) | «${catalogue.decision.date}» |`,
    `| in force from | — (not on the page) | ${catalogue.effectiveFrom} (an assumption, below) |`,
    `| legal basis | — (not on the page) | ${escapeCell(catalogue.legalBasis.map((provision) => `${citeProvision(provision)}: ${provision.description.sv}`).join('; '))} |`,
    `| municipality | «Vaggeryds kommun» (row 11's target group) | ${catalogue.municipality.name}, kommunkod ${catalogue.municipality.code} |`,
    `| definitions | ${seedDefinitions.map((definition) => quote(definition)).join(' ')} | the documentation kinds \`aggregate\` and \`aggregate-with-working-notes\` |`,
    '',
    ...assumptionLines(catalogue.assumptions?.filter((assumption) => headerAbout(assumption.about))),
    '',
    '## Dimensions and code lists',
    '',
    `| dimension | stored as | changed since ${previous.version} |`,
    '|---|---|---|',
  );
  for (const dimension of catalogue.dimensions) {
    const before = previous.dimensions.find((candidate) => candidate.id === dimension.id);
    const changed =
      before === undefined
        ? 'new'
        : canonicalJson(before as unknown as JsonValue) === canonicalJson(dimension as unknown as JsonValue)
          ? '—'
          : `was: ${escapeCell(dimensionLine(before, before.id))}`;
    lines.push(
      `| ${escapeCell(dimension.label.sv)} | ${escapeCell(dimensionLine(dimension, dimension.id))} | ${changed} |`,
    );
  }
  const dropped = previous.dimensions.filter(
    (dimension) => !catalogue.dimensions.some((candidate) => candidate.id === dimension.id),
  );
  for (const dimension of dropped)
    lines.push(
      `| ${escapeCell(dimension.label.sv)} (\`${dimension.id}\`) | — | removed; was: ${escapeCell(dimensionLine(dimension, dimension.id))} |`,
    );
  lines.push('');
  const conventions = new Set<string>();
  for (const dimension of catalogue.dimensions)
    if ((dimension.kind === 'age' || dimension.kind === 'age-list') && dimension.banding.kind === 'classes')
      conventions.add(dimension.banding.convention.sv);
  for (const convention of conventions) lines.push(`Åldersgrupper: ${convention}`, '');
  const changedLists = Object.entries(catalogue.codeLists)
    .filter(
      ([name, list]) =>
        canonicalJson(list as unknown as JsonValue) !==
        canonicalJson((previous.codeLists[name] ?? null) as unknown as JsonValue),
    )
    .map(([name, list]) => {
      const before = previous.codeLists[name];
      const relabelled = list.codes
        .filter((code) => {
          const was = before?.codes.find((candidate) => candidate.code === code.code);
          return was !== undefined && was.label.sv !== code.label.sv;
        })
        .map(
          (code) =>
            `«${before?.codes.find((candidate) => candidate.code === code.code)?.label.sv}» → «${code.label.sv}»`,
        );
      return `\`${name}\`${relabelled.length > 0 ? ` (${relabelled.join(', ')})` : ''}`;
    });
  lines.push(
    `Code lists changed since ${previous.version}: ${changedLists.length === 0 ? 'none' : changedLists.join('; ')}.`,
    '',
  );
  lines.push(
    ...assumptionLines(catalogue.assumptions?.filter((assumption) => !headerAbout(assumption.about))),
    '',
    '## Row by row',
    '',
  );
  for (const policy of catalogue.interventions)
    lines.push(
      ...rowSection(
        policy,
        seedRows.find((row) => row.row === policy.sourceRow),
        catalogue,
        previous,
        source,
      ),
    );
  return `${lines.join('\n').trimEnd()}\n`;
}
