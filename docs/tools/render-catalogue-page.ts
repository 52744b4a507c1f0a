import { type Catalogue, citeProvision, type Dimension, dimensionValues } from '@pinnstatistik/core';

const escapeCell = (text: string): string => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

function dimensionSummary(dimension: Dimension, catalogue: Catalogue): string {
  switch (dimension.kind) {
    case 'code-list':
      return `code list \`${dimension.codeList}\` (${dimensionValues(dimension, catalogue).length} codes)`;
    case 'age':
      return dimension.banding.kind === 'five-year'
        ? 'five-year classes 0–4 … 95–99, 100+'
        : `exact years ${dimension.banding.min}–${dimension.banding.max}`;
    case 'count':
      return `count, top-coded at ${dimension.topCode}+`;
  }
}

/** The catalogue as a Markdown page: generated from the data, so the page cannot drift from it. */
export function renderCataloguePage(catalogue: Catalogue): string {
  const lines: string[] = [
    `# The ${catalogue.municipality.name} catalogue (version ${catalogue.version})`,
    '',
    '<!-- Generated from the catalogue data by `pnpm docs:catalogue`; a test fails when this page and the data differ. -->',
    '',
    `In force from **${catalogue.effectiveFrom}**. Decision: ${catalogue.decision.body}, diary number "${catalogue.decision.diaryNumber}", ${catalogue.decision.date}.`,
    '',
    `Legal basis: ${catalogue.legalBasis.map((provision) => `${citeProvision(provision)} — ${provision.description.en}`).join('; ')}`,
    '',
  ];
  if (catalogue.source !== undefined) lines.push(`> ${catalogue.source.en}`, '');
  lines.push(
    '## Interventions',
    '',
    '| # | id | intervention (sv / en) | target group | responsible units | documentation | what is tallied | series |',
    '|---|---|---|---|---|---|---|---|',
  );
  const unitName = (id: string): string => catalogue.units.find((unit) => unit.id === id)?.name.sv ?? id;
  for (const policy of catalogue.interventions) {
    const tally = policy.tally;
    const tallied = [
      tally.contact === undefined
        ? undefined
        : `${tally.contact.countedAs}s: ${tally.contact.dimensions.join(', ') || '(count only)'}`,
      tally.contact?.crossTabulations.length
        ? `cross-tabs ${tally.contact.crossTabulations.map((pair) => pair.join(' × ')).join(', ')}`
        : undefined,
      tally.groupMeeting === undefined
        ? undefined
        : `group meetings: ${tally.groupMeeting.participants.join(' and ')} by gender`,
      tally.visitors === undefined ? undefined : 'visitors by gender',
    ].filter((part): part is string => part !== undefined);
    const documentation =
      policy.documentation.kind === 'exempt'
        ? `**exempt** — ${policy.documentation.ground.en}`
        : policy.documentation.kind === 'case-record-required'
          ? `**case record required** — ${policy.documentation.system.en}`
          : policy.documentation.kind;
    const range = policy.targetGroup.ageRange;
    const enforced =
      range?.enforcedOn === undefined
        ? ''
        : ` (ages ${range.min ?? ''}–${range.max ?? ''} enforced on \`${range.enforcedOn}\`)`;
    const series =
      policy.series === undefined
        ? '—'
        : [
            policy.series.minContacts === undefined ? undefined : `min ${policy.series.minContacts}`,
            policy.series.maxContacts === undefined ? undefined : `max ${policy.series.maxContacts}`,
          ]
            .filter(Boolean)
            .join(', ') || 'yes';
    lines.push(
      `| ${policy.sourceRow ?? ''} | \`${policy.id}\` | ${escapeCell(policy.name.sv)} / ${escapeCell(policy.name.en)} | ${escapeCell(policy.targetGroup.text.en)}${enforced} | ${policy.responsibleUnits.map(unitName).join(', ')} | ${escapeCell(documentation)} | ${escapeCell(tallied.join('; ') || '—')} | ${series} |`,
    );
  }
  lines.push('', '## Dimensions', '', '| id | label (sv / en) | values |', '|---|---|---|');
  for (const dimension of catalogue.dimensions) {
    lines.push(
      `| \`${dimension.id}\` | ${escapeCell(dimension.label.sv)} / ${escapeCell(dimension.label.en)} | ${dimensionSummary(dimension, catalogue)} |`,
    );
  }
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
