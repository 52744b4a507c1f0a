import type { LocalizedText } from '../localized-text.js';

const noDecisionSv =
  'skall vara förebyggande och insatserna är inte behovsprövade. Ingen form av biståndsbeslut ligger till grund för insatsen varför det heller inte skapas en social journal för individen.';
const noDecisionEn =
  'are to be preventive and the interventions are not means-tested. No form of decision on assistance lies behind the intervention, which is why no social-services case file is created for the individual either.';

/**
 * The source's own words for each row's exemption from the documentation requirement
 * ("Undantag från dokumentationkrav"), quoted verbatim and complete — the source's spelling
 * included ("dokumetera", "relationssskapande", "verksemhet", "stödinstats",
 * "behovsdprövning"); a test finds every Swedish text below in the source word for word. The
 * English texts are the project's translations.
 */
export const vaggerydGrounds = {
  familyCentre: {
    sv: `Familjecentralens verksamheter ${noDecisionSv}`,
    en: `The family centre's activities ${noDecisionEn}`,
  },
  seriousTalk: { sv: `Allvarssamtal ${noDecisionSv}`, en: `Serious talks ${noDecisionEn}` },
  outreachExempt: {
    sv: 'Det bedöms inte vara genomförbart att dokumetera denna verksamhet på aggregerad nivå. Fältarnas främsta arbetsuppgift är relationssskapande och uppsökande verksemhet i miljöer där ungdomar befinner sig. Detta innebär att de under arbetstid rör sig i många olika miljöer för att möta och söka ungdomar.',
    en: "Documenting this activity at aggregate level is not considered feasible. The field workers' main task is building relationships and outreach in the places where young people are. This means that during working hours they move through many different places to meet and seek out young people.",
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
    sv: 'Ungdomsmottagningen arbetar uppsökande i miljöer där ungdomar befinner sig. Grupper i samverkan med skola/fritid och fältare skall vara förebyggande och insatserna är inte behovsprövade.',
    en: 'The youth clinic does outreach in the places where young people are. Groups run with school, leisure services and field workers are to be preventive and the interventions are not means-tested.',
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
    sv: 'Mentaliseringsgrupp för barn som har svårigheter i samspel erbjuds som en råd och stödinsats för att vara ett lätt tillgängligt stöd till barn och föräldrar. Insatsen kan erbjudas utan biståndsbeslut.',
    en: 'The mentalisation group for children with interaction difficulties is offered as an advice-and-support intervention, to be an easily accessible support for children and parents. It can be offered without a decision on assistance.',
  },
  parentSupportCope: {
    sv: 'Föräldrastödsgrupp, för närvarande COPE, erbjuds som en råd och stödinsats för att vara ett lätt tillgängligt stöd till föräldrar. Insatsen kan erbjudas utan biståndsbeslut varför insatsen inte kan dokumenteras i en social journal.',
    en: 'The parent support group, currently COPE, is offered as an advice-and-support intervention, to be an easily accessible support for parents. It can be offered without a decision on assistance, which is why it cannot be documented in a social-services case file.',
  },
  mobilePupilSupport: {
    sv: 'Rörligt elevstöd är en samverkan mellan BUN och Socialtjänsten. En särskild styrgrupp beviljar insatsen och den är inte biståndsbedömd jml. SoL. Utifrån detta dokumenteras insatsen inte i en social journal.',
    en: 'Mobile pupil support is a collaboration between the education board (BUN) and social services. A special steering group grants the intervention and it is not needs-assessed under the Social Services Act (SoL). For this reason it is not documented in a social-services case file.',
  },
  relativesSupport: {
    sv: `Anhörigstöd skadligt bruk eller beroende/psykisk ohälsa erbjuds som en råd och stödinstats till medborgare. Råd och stöd till medborgare ${noDecisionSv}`,
    en: `Support for relatives (harmful use or addiction / mental ill-health) is offered as an advice-and-support intervention to residents. Advice and support to residents ${noDecisionEn}`,
  },
  substanceOutreach: {
    sv: 'Behandlare på Mötesplats arbetar uppsökande till individer med missbruksproblem och i miljöer där dessa kan befinna sig.',
    en: "Mötesplats's counsellors reach out to individuals with substance-use problems and in the places where they may be.",
  },
  openActivity: {
    sv: 'Mötesplats öppna verksamhet sker i samverkan med församlingarna i Vaggeryds kommun. Under denna cafétid sker även matkasseutdelning i kyrkans regi. Detta är öppen verksamhet och definieras som råd och stödinsatser varför dokumentation ej sker.',
    en: "Mötesplats's open activity is run together with the parishes of Vaggeryd municipality. During these café hours the church also hands out food bags. This is an open activity, defined as advice and support, which is why no documentation is kept.",
  },
} as const satisfies Record<string, LocalizedText>;
