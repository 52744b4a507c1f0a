import {
  type AgeBanding,
  type AgeDomain,
  ageBandCodes,
  type Catalogue,
  citeProvision,
  type Dimension,
  dimensionValues,
  type InterventionPolicy,
  requiresSeries,
  talliesSeriesLengths,
} from '@pinnstatistik/core';

const escapeCell = (text: string): string => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** A banding in a few words (English): the groups an age of the domain can be stored as. */
export function bandingSummary(banding: AgeBanding, ages: AgeDomain = {}): string {
  const codes = ageBandCodes(banding, ages).map((code) => code.replace('-', '–'));
  switch (banding.kind) {
    case 'five-year':
      return `five-year classes ${codes[0]} … ${codes.at(-1)}${ages.min === undefined ? '' : ` (ages from ${ages.min})`}`;
    case 'exact-years':
      return `exact years ${banding.min}–${banding.max}${banding.reason === undefined ? ' (no reason given)' : ` (${banding.reason.en})`}`;
    case 'classes':
      return `age groups ${codes.join(', ')}${ages.min === undefined && ages.max === undefined ? '' : ` (ages ${ages.min ?? 0}–${ages.max ?? ''})`}`;
  }
}

function dimensionSummary(dimension: Dimension, catalogue: Catalogue): string {
  switch (dimension.kind) {
    case 'code-list':
      return `code list \`${dimension.codeList}\` (${dimensionValues(dimension, catalogue).length} codes)`;
    case 'age':
      return bandingSummary(dimension.banding, dimension.ages);
    case 'age-list':
      return `a list of ages, one per person listed (at most ${dimension.maxEntries}${dimension.matchesCount === undefined ? '' : `, as many as \`${dimension.matchesCount}\``}), each in ${bandingSummary(dimension.banding, dimension.ages)}; its table counts ${dimension.counts.en}, not contacts`;
    case 'count':
      return `count, top-coded at ${dimension.topCode}+`;
  }
}

/** What a policy's series are, in a few words. */
export function seriesSummary(policy: InterventionPolicy): string {
  if (policy.series === undefined) return '—';
  const limits = [
    requiresSeries(policy) ? '**required** for every contact' : 'optional',
    policy.series.minContacts === undefined ? undefined : `min ${policy.series.minContacts}`,
    policy.series.maxContacts === undefined ? undefined : `max ${policy.series.maxContacts}`,
    talliesSeriesLengths(policy) ? 'lengths tallied' : 'lengths not tallied',
  ];
  return limits.filter(Boolean).join(', ');
}

/** What a policy tallies, in a few words. */
export function talliedSummary(policy: InterventionPolicy): string {
  const tally = policy.tally;
  return (
    [
      tally.contact === undefined
        ? undefined
        : `${tally.contact.countedAs}s: ${tally.contact.dimensions.join(', ') || '(count only)'}`,
      tally.contact?.oneOf?.length
        ? `one of ${tally.contact.oneOf.map((group) => group.join(' / ')).join('; ')} per contact`
        : undefined,
      tally.contact?.crossTabulations.length
        ? `cross-tabs ${tally.contact.crossTabulations.map((pair) => pair.join(' × ')).join(', ')}`
        : undefined,
      tally.groupMeeting === undefined
        ? undefined
        : `group meetings: ${tally.groupMeeting.participants.join(' and ')} by gender`,
      tally.visitors === undefined ? undefined : 'visitors by gender',
    ]
      .filter((part): part is string => part !== undefined)
      .join('; ') || '—'
  );
}

/** The catalogue as a Markdown page: generated from the data, so the page cannot drift from it. */
export function renderCataloguePage(catalogue: Catalogue): string {
  const lines: string[] = [
    `# The ${catalogue.municipality.name} catalogue (version ${catalogue.version})`,
    '',
    '<!-- Generated from the catalogue data by `pnpm docs:catalogue`; a test fails when this page and the data differ. -->',
    '',
    `In force from **${catalogue.effectiveFrom}**${(catalogue.assumptions ?? []).some((assumption) => assumption.about === 'effectiveFrom') ? ' (an assumption: the source gives no date)' : ''}. Decision: body "${catalogue.decision.body}", diary number "${catalogue.decision.diaryNumber}", date "${catalogue.decision.date}".`,
    '',
    `Legal basis: ${catalogue.legalBasis.map((provision) => `${citeProvision(provision)} — ${provision.description.en}`).join('; ')}`,
    '',
  ];
  if (catalogue.source !== undefined) lines.push(`> ${catalogue.source.en}`, '');
  lines.push(
    'Every assumption and deviation from the source, row by row, is in the generated [review table](vaggeryd-review.md).',
    'Version 1.0, which logs recorded before 1.1 hold and are audited against, stays available as',
    '`vaggerydCatalogueV1_0()`; how a log moves from 1.0 to 1.1 is in [catalogues.md](catalogues.md#revising-it).',
    '',
    '## Interventions',
    '',
    '| # | id | intervention (sv / en) | target group | responsible units | documentation | what is tallied | series |',
    '|---|---|---|---|---|---|---|---|',
  );
  const unitName = (id: string): string => catalogue.units.find((unit) => unit.id === id)?.name.sv ?? id;
  for (const policy of catalogue.interventions) {
    const documentation =
      policy.documentation.kind === 'exempt'
        ? `**exempt** — ${policy.documentation.ground.en}`
        : policy.documentation.kind === 'case-record-required'
          ? `**case record required** — ${policy.documentation.system.en}`
          : policy.documentation.kind === 'aggregate-with-working-notes' &&
              policy.documentation.alsoCovers.length > 0
            ? `${policy.documentation.kind} (also: ${policy.documentation.alsoCovers.map((item) => item.en).join(', ')})`
            : policy.documentation.kind;
    const range = policy.targetGroup.ageRange;
    const enforced =
      range?.enforcedOn === undefined
        ? ''
        : ` (ages ${range.min ?? ''}–${range.max ?? ''} enforced on \`${range.enforcedOn}\`)`;
    lines.push(
      `| ${policy.sourceRow ?? ''} | \`${policy.id}\` | ${escapeCell(policy.name.sv)} / ${escapeCell(policy.name.en)} | ${escapeCell(policy.targetGroup.text.en)}${enforced} | ${policy.responsibleUnits.map(unitName).join(', ')} | ${escapeCell(documentation)} | ${escapeCell(talliedSummary(policy))} | ${seriesSummary(policy)} |`,
    );
  }
  lines.push('', '## Dimensions', '', '| id | label (sv / en) | values |', '|---|---|---|');
  for (const dimension of catalogue.dimensions) {
    lines.push(
      `| \`${dimension.id}\` | ${escapeCell(dimension.label.sv)} / ${escapeCell(dimension.label.en)} | ${escapeCell(dimensionSummary(dimension, catalogue))} |`,
    );
  }
  const conventions = new Map<string, string>();
  for (const dimension of catalogue.dimensions) {
    if ((dimension.kind === 'age' || dimension.kind === 'age-list') && dimension.banding.kind === 'classes')
      conventions.set(dimension.banding.convention.en, dimension.id);
  }
  for (const [convention] of conventions) lines.push('', `Age groups: ${convention}`);
  lines.push('', '## Code lists', '');
  for (const [name, list] of Object.entries(catalogue.codeLists)) {
    lines.push(`### ${list.label.en} (\`${name}\`)`, '', '| code | sv | en |', '|---|---|---|');
    for (const code of list.codes)
      lines.push(`| \`${code.code}\` | ${escapeCell(code.label.sv)} | ${escapeCell(code.label.en)} |`);
    lines.push('');
  }
  lines.push('## Units', '', '| id | sv | en |', '|---|---|---|');
  for (const unit of catalogue.units)
    lines.push(`| \`${unit.id}\` | ${escapeCell(unit.name.sv)} | ${escapeCell(unit.name.en)} |`);
  return `${lines.join('\n')}\n`;
}
