import { type JsonTree, setAtPointer } from './json-pointer.js';

/** A mistake someone editing the catalogue by hand might make, and where the validator points. */
export interface CatalogueMistake {
  readonly mistake: string;
  /** Where the edit is made. */
  readonly edit: string;
  readonly value: JsonTree;
  /** The JSON Pointer the validator reports it at. */
  readonly reportedAt: string;
}

/** Seven mistakes, from a mistyped field to cross-references that do not resolve. */
export const catalogueMistakes: readonly CatalogueMistake[] = [
  {
    mistake: 'a three-digit kommunkod',
    edit: '/municipality/code',
    value: '999',
    reportedAt: '/municipality/code',
  },
  {
    mistake: 'an SFS number with a hyphen',
    edit: '/legalBasis/0/sfs',
    value: '2001-453',
    reportedAt: '/legalBasis/0/sfs',
  },
  {
    mistake: 'a mistyped field name (responsibleUnit)',
    edit: '/interventions/0/responsibleUnit',
    value: ['familjecentralen-solrosen'],
    reportedAt: '/interventions/0',
  },
  {
    mistake: 'a code listed twice in the custom code list',
    edit: '/codeLists/contactMode/codes/2/code',
    value: 'phone',
    reportedAt: '/codeLists/contactMode/codes/2/code',
  },
  {
    mistake: 'the custom dimension pointing at a code list that does not exist',
    edit: '/dimensions/7/codeList',
    value: 'contactModes',
    reportedAt: '/dimensions/7/codeList',
  },
  {
    mistake: 'a unit id with a typo',
    edit: '/interventions/2/responsibleUnits/0',
    value: 'unga-vuxna',
    reportedAt: '/interventions/2/responsibleUnits/0',
  },
  {
    mistake: 'an exempt intervention that tallies contacts',
    edit: '/interventions/4/tally',
    value: { contact: { countedAs: 'talk', dimensions: ['gender'] } },
    reportedAt: '/interventions/4/tally',
  },
];

/** The catalogue's JSON text with every mistake made in it. */
export function invalidVariant(validText: string, mistakes = catalogueMistakes): string {
  const tree = JSON.parse(validText) as JsonTree;
  for (const { edit, value } of mistakes) {
    if (!setAtPointer(tree, edit, value)) throw new Error(`the catalogue has no place ${edit}`);
  }
  return JSON.stringify(tree, null, 2);
}
