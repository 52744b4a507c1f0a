import type { CodeList } from '../../code-list.js';
import { NOT_STATED } from '../../code-list.js';

const notStated = { code: NOT_STATED, label: { sv: 'Uppgift saknas', en: 'Not stated' } } as const;

/**
 * The code lists of Vaggeryd catalogue version 1.0, frozen as they were adopted: a log
 * recorded under 1.0 is audited against exactly these. (The current proposal is
 * `defaultCodeLists`.)
 */
export const vaggerydCodeListsV1_0 = {
  gender: {
    label: { sv: 'Kön', en: 'Gender' },
    codes: [
      { code: 'female', label: { sv: 'Kvinna/flicka', en: 'Woman/girl' } },
      { code: 'male', label: { sv: 'Man/pojke', en: 'Man/boy' } },
      { code: 'other', label: { sv: 'Annan könsidentitet', en: 'Other gender identity' } },
      notStated,
    ],
  },
  routeIn: {
    label: { sv: 'Väg in', en: 'Route in' },
    codes: [
      { code: 'own-initiative', label: { sv: 'Eget initiativ', en: 'Own initiative' } },
      { code: 'child-health-care', label: { sv: 'Barnhälsovården (BVC)', en: 'Child health care (BVC)' } },
      { code: 'maternity-care', label: { sv: 'Mödrahälsovården (MVC)', en: 'Maternity care (MVC)' } },
      { code: 'preschool', label: { sv: 'Förskola', en: 'Preschool' } },
      { code: 'school', label: { sv: 'Skola/elevhälsa', en: 'School/pupil health' } },
      { code: 'social-services', label: { sv: 'Socialtjänsten', en: 'Social services' } },
      { code: 'health-care', label: { sv: 'Hälso- och sjukvården', en: 'Health care' } },
      { code: 'relative-or-friend', label: { sv: 'Anhörig/närstående', en: 'Relative or friend' } },
      { code: 'outreach', label: { sv: 'Uppsökande verksamhet', en: 'Outreach' } },
      { code: 'other', label: { sv: 'Annan', en: 'Other' } },
      notStated,
    ],
  },
  problemArea: {
    label: { sv: 'Typ av problematik', en: 'Problem area' },
    codes: [
      { code: 'parenting', label: { sv: 'Föräldraskap', en: 'Parenting' } },
      { code: 'couple-relationship', label: { sv: 'Parrelation', en: 'Couple relationship' } },
      { code: 'family-conflict', label: { sv: 'Konflikter i familjen', en: 'Family conflict' } },
      { code: 'mental-health', label: { sv: 'Psykisk ohälsa', en: 'Mental ill-health' } },
      { code: 'substance-use', label: { sv: 'Alkohol, droger, spel', en: 'Alcohol, drugs, gambling' } },
      { code: 'violence', label: { sv: 'Våld i nära relation', en: 'Domestic violence' } },
      { code: 'school-situation', label: { sv: 'Skolsituation', en: 'School situation' } },
      {
        code: 'social-relations',
        label: { sv: 'Sociala relationer, ensamhet', en: 'Social relations, loneliness' },
      },
      { code: 'norm-breaking', label: { sv: 'Normbrytande beteende', en: 'Norm-breaking behaviour' } },
      { code: 'finances', label: { sv: 'Ekonomi', en: 'Finances' } },
      { code: 'other', label: { sv: 'Annan', en: 'Other' } },
      notStated,
    ],
  },
  furtherAction: {
    label: { sv: 'Ytterligare åtgärder', en: 'Further action' },
    codes: [
      { code: 'none', label: { sv: 'Ingen ytterligare åtgärd', en: 'No further action' } },
      {
        code: 'continued-support',
        label: { sv: 'Fortsatt råd och stöd', en: 'Continued advice and support' },
      },
      {
        code: 'needs-assessed-application',
        label: { sv: 'Ansökan om bistånd', en: 'Application for needs-assessed assistance' },
      },
      {
        code: 'referral-health-care',
        label: { sv: 'Hänvisning till vården', en: 'Referred to health care' },
      },
      { code: 'referral-other', label: { sv: 'Hänvisning till annan aktör', en: 'Referred elsewhere' } },
      { code: 'report-of-concern', label: { sv: 'Orosanmälan', en: 'Report of concern' } },
      notStated,
    ],
  },
  relationToRelative: {
    label: { sv: 'Relation till anhörig', en: 'Relation to the relative' },
    codes: [
      { code: 'parent', label: { sv: 'Förälder', en: 'Parent' } },
      { code: 'child', label: { sv: 'Barn', en: 'Child' } },
      { code: 'partner', label: { sv: 'Partner', en: 'Partner' } },
      { code: 'sibling', label: { sv: 'Syskon', en: 'Sibling' } },
      { code: 'other-relative', label: { sv: 'Annan anhörig', en: 'Other relative' } },
      { code: 'friend', label: { sv: 'Vän', en: 'Friend' } },
      notStated,
    ],
  },
  household: {
    label: { sv: 'Sammanboende/ensamstående', en: 'Household' },
    codes: [
      { code: 'cohabiting', label: { sv: 'Sammanboende', en: 'Cohabiting' } },
      { code: 'single', label: { sv: 'Ensamstående', en: 'Single' } },
      notStated,
    ],
  },
} as const satisfies Record<string, CodeList>;
