import { ageBandCodes } from './age-banding.js';
import type { Catalogue } from './catalogue.js';
import { NOT_APPLICABLE, NOT_STATED } from './code-list.js';
import type { Dimension } from './dimension.js';
import type { LocalizedText } from './localized-text.js';

/** Whether some intervention marks the dimension as one of alternatives (so it may be `not-applicable`). */
function isAlternative(dimension: Dimension, catalogue: Catalogue): boolean {
  return catalogue.interventions.some((policy) =>
    (policy.tally.contact?.oneOf ?? []).some((group) => group.includes(dimension.id)),
  );
}

/**
 * The closed set of values a dimension may store, in display order. For a list of ages, the
 * values one entry of the list may take.
 */
export function dimensionValues(dimension: Dimension, catalogue: Catalogue): readonly string[] {
  switch (dimension.kind) {
    case 'code-list':
      return (catalogue.codeLists[dimension.codeList]?.codes ?? []).map((entry) => entry.code);
    case 'age':
      return [
        ...ageBandCodes(dimension.banding, dimension.ages),
        ...(isAlternative(dimension, catalogue) ? [NOT_APPLICABLE] : []),
        NOT_STATED,
      ];
    case 'age-list':
      return [...ageBandCodes(dimension.banding, dimension.ages), NOT_STATED];
    case 'count':
      return [
        ...Array.from({ length: dimension.topCode }, (_, count) => String(count)),
        `${dimension.topCode}+`,
        NOT_STATED,
      ];
  }
}

/** The label of a stored value (for a list of ages, of one entry), in both languages. */
export function dimensionValueLabel(
  dimension: Dimension,
  value: string,
  catalogue: Catalogue,
): LocalizedText {
  if (value === NOT_STATED) return { sv: 'Uppgift saknas', en: 'Not stated' };
  if (value === NOT_APPLICABLE) return { sv: 'Ej tillämpligt', en: 'Not applicable' };
  if (dimension.kind === 'code-list') {
    const entry = catalogue.codeLists[dimension.codeList]?.codes.find((code) => code.code === value);
    if (entry !== undefined) return entry.label;
  }
  if (dimension.kind === 'age' || dimension.kind === 'age-list')
    return { sv: `${value} år`, en: `${value} years` };
  return { sv: value, en: value };
}

/** A dimension of a catalogue by id. */
export function findDimension(catalogue: Catalogue, id: string): Dimension | undefined {
  return catalogue.dimensions.find((dimension) => dimension.id === id);
}
