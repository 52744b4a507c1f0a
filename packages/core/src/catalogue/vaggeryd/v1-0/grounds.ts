import type { LocalizedText } from '../../localized-text.js';

const noDecisionSv =
  'skall vara förebyggande och insatserna är inte behovsprövade. Ingen form av biståndsbeslut ligger till grund för insatsen varför det heller inte skapas en social journal för individen.';
const noDecisionEn =
  'are preventive and not means-tested. No decision on assistance lies behind the intervention, so no social-services case file is created for the individual.';

/** The exemption grounds of Vaggeryd catalogue version 1.0, frozen as they were adopted (paraphrased; version 1.1 quotes the source). */
export const vaggerydGroundsV1_0 = {
  familyCentre: {
    sv: `Familjecentralens verksamheter ${noDecisionSv}`,
    en: `The family centre's activities ${noDecisionEn}`,
  },
  seriousTalk: { sv: `Allvarssamtal ${noDecisionSv}`, en: `Serious talks ${noDecisionEn}` },
  outreachExempt: {
    sv: 'Det bedöms inte vara genomförbart att dokumentera denna verksamhet på aggregerad nivå. Fältarnas främsta arbetsuppgift är relationsskapande och uppsökande verksamhet i miljöer där ungdomar befinner sig.',
    en: "Documenting this activity at aggregate level is not considered feasible. The field workers' main task is building relationships and outreach in the places where young people are.",
  },
  schoolGroups: {
    sv: `Grupper i samverkan med skola/fritid ${noDecisionSv}`,
    en: `Groups run with school and leisure services ${noDecisionEn}`,
  },
  youthClinic: {
    sv: `Ungdomsmottagningens verksamheter ${noDecisionSv}`,
    en: `The youth clinic's activities ${noDecisionEn}`,
  },
  youthClinicOutreach: {
    sv: 'Ungdomsmottagningen arbetar uppsökande i miljöer där ungdomar befinner sig; insatserna är förebyggande och inte behovsprövade.',
    en: 'The youth clinic does outreach where young people are; the work is preventive and not means-tested.',
  },
  youthClinicGroups: {
    sv: `Grupper i samverkan med skola/fritid och fältare ${noDecisionSv}`,
    en: `Groups run with school, leisure services and field workers ${noDecisionEn}`,
  },
  adviceAndSupport: {
    sv: `Råd och stöd till medborgare ${noDecisionSv}`,
    en: `Advice and support to residents ${noDecisionEn}`,
  },
  mentalisationGroup: {
    sv: 'Mentaliseringsgrupp för barn som har svårigheter i samspel erbjuds som en råd- och stödinsats för att vara ett lätt tillgängligt stöd till barn och föräldrar. Insatsen kan erbjudas utan biståndsbeslut.',
    en: 'The mentalisation group for children with interaction difficulties is offered as advice and support, an easily accessible support for children and parents. It can be offered without a decision on assistance.',
  },
  parentSupportCope: {
    sv: 'Föräldrastödsgrupp, för närvarande COPE, erbjuds som en råd- och stödinsats för att vara ett lätt tillgängligt stöd till föräldrar. Insatsen kan erbjudas utan biståndsbeslut varför insatsen inte kan dokumenteras i en social journal.',
    en: 'The parent support group (currently COPE) is offered as advice and support, an easily accessible support for parents. It can be offered without a decision on assistance, so it cannot be documented in a social-services case file.',
  },
  mobilePupilSupport: {
    sv: 'Rörligt elevstöd är en samverkan mellan barn- och utbildningsnämnden och socialtjänsten. En särskild styrgrupp beviljar insatsen och den är inte biståndsbedömd enligt SoL. Därför dokumenteras insatsen inte i en social journal.',
    en: 'Mobile pupil support is run jointly by the education board and social services. A joint steering group grants it and it is not needs-assessed under the Social Services Act, so it is not documented in a social-services case file.',
  },
  relativesSupport: {
    sv: `Anhörigstöd erbjuds som en råd- och stödinsats till medborgare. Råd och stöd till medborgare ${noDecisionSv}`,
    en: `Support for relatives is offered as advice and support to residents. Advice and support to residents ${noDecisionEn}`,
  },
  substanceOutreach: {
    sv: 'Behandlare på Mötesplats arbetar uppsökande till individer med missbruksproblem och i miljöer där dessa kan befinna sig; insatsen är inte behovsprövad.',
    en: "Mötesplats's counsellors reach out to people with substance-use problems where they are; the intervention is not means-tested.",
  },
  openActivity: {
    sv: 'Mötesplats öppna verksamhet sker i samverkan med församlingarna i Vaggeryds kommun. Under cafétiden sker även matkasseutdelning i kyrkans regi. Detta är öppen verksamhet och definieras som råd- och stödinsatser varför dokumentation ej sker.',
    en: "Mötesplats's open activity is run with the parishes of Vaggeryd municipality; the church hands out food bags during café hours. It is an open activity, defined as advice and support, so no case documentation is kept.",
  },
} as const satisfies Record<string, LocalizedText>;
