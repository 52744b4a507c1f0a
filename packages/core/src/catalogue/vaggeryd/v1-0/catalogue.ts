import { type Catalogue, type CatalogueInput, CatalogueSchema } from '../../catalogue.js';
import { vaggerydCodeListsV1_0 } from './code-lists.js';
import { vaggerydGroundsV1_0 as grounds } from './grounds.js';

const FAMILY_CENTRE = 'familjecentral';
const FIELD_WORKERS = 'faltare';
const YOUTH_CLINIC = 'ungdomsmottagningen';
const FAMILY_YOUTH_TEAM = 'familj-och-ungdomsteamet';
const MOTESPLATS = 'motesplats';

/**
 * Vaggeryd catalogue version 1.0, frozen: the first reading of "Insatser utan behovsbedömning"
 * (page 8). Logs recorded under 1.0 hold exactly this and are audited against it, so it is
 * never edited (a test pins its canonical hash); corrections live in version 1.1
 * (`vaggerydCatalogue()`). Known flaws, kept on purpose: exact ages for children and young
 * people, a decision body and date the source does not give, paraphrased grounds.
 */
export const vaggerydCatalogueV1_0Input = {
  id: 'vaggeryd',
  version: '1.0',
  effectiveFrom: '2025-01-01',
  municipality: { name: 'Vaggeryds kommun', code: '0665' },
  decision: {
    body: 'Socialnämnden, Vaggeryds kommun',
    diaryNumber: 'uppgift saknas i källan (sida 8)',
    date: '2025-01-01',
  },
  legalBasis: [
    {
      sfs: '2001:453',
      chapter: 11,
      paragraph: '5',
      description: {
        sv: 'Socialtjänstlagen: dokumentationsskyldighet vid handläggning av ärenden som rör enskilda. Insatserna i katalogen föregås inte av något beslut och skapar därför ingen personakt.',
        en: 'Social Services Act: the duty to document matters concerning individuals. The interventions in this catalogue follow no decision, so no personal case file is created.',
      },
    },
  ],
  source: {
    sv: 'Vaggeryds kommun, socialtjänsten: "Insatser utan behovsbedömning", sida 8. Beslutsreferens och rättslig grund anges inte på sidan; kodlistorna är projektets förslag som kommunen bekräftar.',
    en: 'Vaggeryds kommun, social services: "Interventions without a needs assessment", page 8. The page gives no decision reference or legal basis; the code lists are the project\'s proposal for the municipality to confirm.',
  },
  units: [
    { id: FAMILY_CENTRE, name: { sv: 'Familjecentral', en: 'Family centre' } },
    { id: FIELD_WORKERS, name: { sv: 'Fältare', en: 'Youth field workers' } },
    { id: YOUTH_CLINIC, name: { sv: 'Ungdomsmottagningen', en: 'Youth clinic' } },
    { id: FAMILY_YOUTH_TEAM, name: { sv: 'Familj- och ungdomsteamet', en: 'Family and youth team' } },
    { id: MOTESPLATS, name: { sv: 'Mötesplats', en: 'Mötesplats (drop-in centre)' } },
    { id: 'mottaget-my', name: { sv: 'Mottaget MY', en: 'Mottaget MY' } },
    { id: 'oppenvarden', name: { sv: 'Öppenvården', en: 'Outpatient social care' } },
    { id: 'rorligt-elevstod', name: { sv: 'Rörligt elevstöd', en: 'Mobile pupil support' } },
    { id: 'aldreomsorgen', name: { sv: 'Äldreomsorgen', en: 'Elderly care' } },
  ],
  codeLists: vaggerydCodeListsV1_0,
  dimensions: [
    { id: 'gender', kind: 'code-list', label: { sv: 'Kön', en: 'Gender' }, codeList: 'gender' },
    {
      id: 'adultAge',
      kind: 'age',
      label: { sv: 'Ålder vuxen', en: 'Adult age' },
      banding: { kind: 'five-year' },
    },
    {
      id: 'individualAge',
      kind: 'age',
      label: { sv: 'Ålder individ', en: 'Age of the young person' },
      banding: { kind: 'exact-years', min: 10, max: 25 },
    },
    {
      id: 'childAge',
      kind: 'age',
      label: { sv: 'Ålder barn', en: 'Age of the child' },
      banding: { kind: 'exact-years', min: 0, max: 17 },
    },
    {
      id: 'numberOfChildren',
      kind: 'count',
      label: { sv: 'Antal barn', en: 'Number of children' },
      topCode: 4,
    },
    {
      id: 'household',
      kind: 'code-list',
      label: { sv: 'Sammanboende/ensamstående', en: 'Household' },
      codeList: 'household',
    },
    {
      id: 'problemArea',
      kind: 'code-list',
      label: { sv: 'Problematik', en: 'Problem area' },
      codeList: 'problemArea',
    },
    { id: 'routeIn', kind: 'code-list', label: { sv: 'Väg in', en: 'Route in' }, codeList: 'routeIn' },
    {
      id: 'furtherAction',
      kind: 'code-list',
      label: { sv: 'Ytterligare åtgärder', en: 'Further action' },
      codeList: 'furtherAction',
    },
    {
      id: 'relationToRelative',
      kind: 'code-list',
      label: { sv: 'Relation till anhörig', en: 'Relation to the relative' },
      codeList: 'relationToRelative',
    },
  ],
  interventions: [
    {
      id: 'familjecentral-enskilda-samtal',
      sourceRow: 1,
      name: { sv: 'Enskilda samtal kuratorer', en: 'Individual sessions with a counsellor' },
      targetGroup: {
        text: {
          sv: 'Gravida och föräldrar för barn 0–6 år',
          en: 'Pregnant people and parents of children aged 0–6',
        },
      },
      responsibleUnits: [FAMILY_CENTRE],
      documentation: { kind: 'aggregate-with-working-notes' },
      tally: {
        contact: {
          countedAs: 'session',
          dimensions: [
            'gender',
            'adultAge',
            'numberOfChildren',
            'household',
            'problemArea',
            'routeIn',
            'furtherAction',
          ],
          crossTabulations: [['gender', 'adultAge']],
        },
      },
      series: {},
      exemptionGround: grounds.familyCentre,
    },
    {
      id: 'familjecentral-spadbarnsmassage',
      sourceRow: 2,
      name: { sv: 'Spädbarnsmassage', en: 'Infant massage' },
      targetGroup: { text: { sv: 'Föräldrar och barn 0–1 år', en: 'Parents and children aged 0–1' } },
      responsibleUnits: [FAMILY_CENTRE],
      documentation: { kind: 'aggregate' },
      tally: { contact: { countedAs: 'participant', dimensions: ['gender', 'adultAge', 'routeIn'] } },
      exemptionGround: grounds.familyCentre,
    },
    {
      id: 'familjecentral-foraldrastodsgrupp',
      sourceRow: 3,
      name: { sv: 'Föräldrastödsgrupp', en: 'Parent support group' },
      targetGroup: { text: { sv: 'Föräldrar för barn 0–6 år', en: 'Parents of children aged 0–6' } },
      responsibleUnits: [FAMILY_CENTRE],
      documentation: { kind: 'aggregate' },
      tally: {
        contact: {
          countedAs: 'participant',
          dimensions: ['gender', 'adultAge', 'numberOfChildren', 'household', 'routeIn'],
        },
      },
      exemptionGround: grounds.familyCentre,
    },
    {
      id: 'familjecentral-hembesok-bhv',
      sourceRow: 4,
      name: {
        sv: 'Gemensamma hembesök tillsammans med BHV',
        en: 'Joint home visits with child health care (BHV)',
      },
      targetGroup: { text: { sv: 'Föräldrar för barn 0–1 år', en: 'Parents of children aged 0–1' } },
      responsibleUnits: [FAMILY_CENTRE],
      documentation: { kind: 'aggregate' },
      tally: { contact: { countedAs: 'home-visit', dimensions: [] } },
      series: {
        minContacts: 1,
        maxContacts: 3,
        source: {
          sv: 'Antal hembesök max 3 ggr, minimum 1 ggn (per familj).',
          en: 'Home visits: at most 3, at least 1 (per family).',
        },
      },
      exemptionGround: grounds.familyCentre,
    },
    {
      id: 'faltare-allvarssamtal',
      sourceRow: 5,
      name: { sv: 'Allvarssamtal med enskild', en: 'Serious talk with an individual young person' },
      targetGroup: {
        text: { sv: 'Barn/ungdomar 13–21 år', en: 'Children and young people aged 13–21' },
        ageRange: { min: 13, max: 21, enforcedOn: 'individualAge' },
      },
      responsibleUnits: [FIELD_WORKERS],
      documentation: { kind: 'aggregate' },
      tally: {
        contact: {
          countedAs: 'talk',
          dimensions: ['gender', 'individualAge', 'problemArea', 'routeIn'],
          crossTabulations: [['gender', 'individualAge']],
        },
      },
      exemptionGround: grounds.seriousTalk,
    },
    {
      id: 'faltare-uppsokande',
      sourceRow: 6,
      name: { sv: 'Uppsökande verksamhet', en: 'Outreach' },
      targetGroup: { text: { sv: 'Barn/ungdomar 13–21 år', en: 'Children and young people aged 13–21' } },
      responsibleUnits: [FIELD_WORKERS],
      documentation: { kind: 'exempt', ground: grounds.outreachExempt },
    },
    {
      id: 'faltare-gruppverksamhet',
      sourceRow: 7,
      name: { sv: 'Gruppverksamhet', en: 'Group activities' },
      description: {
        sv: 'Grupper i samverkan med skola/fritid.',
        en: 'Groups run with school and leisure services.',
      },
      targetGroup: { text: { sv: 'Barn/ungdomar 13–21 år', en: 'Children and young people aged 13–21' } },
      responsibleUnits: [FIELD_WORKERS],
      documentation: { kind: 'aggregate' },
      tally: { groupMeeting: { participants: ['adults', 'children'] } },
      exemptionGround: grounds.schoolGroups,
    },
    {
      id: 'ungdomsmottagning-enskilda-samtal',
      sourceRow: 8,
      name: { sv: 'Enskilda samtal kuratorer', en: 'Individual sessions with a counsellor' },
      targetGroup: {
        text: { sv: 'Ungdomar 13–25 år', en: 'Young people aged 13–25' },
        ageRange: { min: 13, max: 25, enforcedOn: 'individualAge' },
      },
      responsibleUnits: [YOUTH_CLINIC],
      documentation: { kind: 'aggregate-with-working-notes' },
      tally: {
        contact: {
          countedAs: 'session',
          dimensions: ['gender', 'individualAge', 'problemArea', 'routeIn'],
          crossTabulations: [['gender', 'individualAge']],
        },
      },
      series: {},
      exemptionGround: grounds.youthClinic,
    },
    {
      id: 'ungdomsmottagning-uppsokande',
      sourceRow: 9,
      name: { sv: 'Uppsökande verksamhet', en: 'Outreach' },
      targetGroup: {
        text: { sv: 'Barn/ungdomar 13–25 år', en: 'Children and young people aged 13–25' },
        ageRange: { min: 13, max: 25, enforcedOn: 'individualAge' },
      },
      responsibleUnits: [YOUTH_CLINIC],
      documentation: { kind: 'aggregate' },
      tally: { contact: { countedAs: 'outreach-contact', dimensions: ['gender', 'individualAge'] } },
      exemptionGround: grounds.youthClinicOutreach,
    },
    {
      id: 'ungdomsmottagning-gruppverksamhet',
      sourceRow: 10,
      name: { sv: 'Gruppverksamhet', en: 'Group activities' },
      description: {
        sv: 'Grupper i samverkan med skola/fritid och fältare.',
        en: 'Groups run with school, leisure services and field workers.',
      },
      targetGroup: { text: { sv: 'Barn/ungdomar 13–25 år', en: 'Children and young people aged 13–25' } },
      responsibleUnits: [YOUTH_CLINIC],
      documentation: { kind: 'aggregate' },
      tally: { groupMeeting: { participants: ['children'] } },
      exemptionGround: grounds.youthClinicGroups,
    },
    {
      id: 'rad-och-stod',
      sourceRow: 11,
      name: { sv: 'Råd och stöd', en: 'Advice and support' },
      targetGroup: {
        text: { sv: 'Samtliga medborgare i Vaggeryds kommun', en: 'All residents of Vaggeryd municipality' },
      },
      responsibleUnits: [FAMILY_YOUTH_TEAM, MOTESPLATS, 'mottaget-my'],
      documentation: { kind: 'aggregate-with-working-notes' },
      tally: {
        contact: {
          countedAs: 'session',
          dimensions: ['gender', 'childAge', 'numberOfChildren', 'problemArea', 'routeIn', 'furtherAction'],
        },
      },
      series: {
        maxContacts: 5,
        source: { sv: 'Max fem sammanhållande samtal.', en: 'At most five connected sessions.' },
      },
      exemptionGround: grounds.adviceAndSupport,
    },
    {
      id: 'mentaliseringsgrupp',
      sourceRow: 12,
      name: { sv: 'Gruppverksamhet (mentaliseringsgrupp)', en: 'Group activities (mentalisation group)' },
      description: {
        sv: 'Mentalisering: "förmågan att förstå sina egna och andras tankar och känslor". För barn med svårigheter i samspel.',
        en: "Mentalisation: 'the ability to understand one's own and others' thoughts and feelings'. For children with interaction difficulties.",
      },
      targetGroup: {
        text: { sv: 'Barn/ungdomar från 10 år', en: 'Children and young people from age 10' },
        ageRange: { min: 10 },
      },
      responsibleUnits: [FAMILY_YOUTH_TEAM],
      documentation: { kind: 'aggregate' },
      tally: { groupMeeting: { participants: ['children'] } },
      exemptionGround: grounds.mentalisationGroup,
    },
    {
      id: 'oppenvard-foraldrastodsgrupp',
      sourceRow: 13,
      name: {
        sv: 'Gruppverksamhet (föräldrastödsgrupp, COPE)',
        en: 'Group activities (parent support group, COPE)',
      },
      targetGroup: { text: { sv: 'Föräldrar med barn 0–21 år', en: 'Parents of children aged 0–21' } },
      responsibleUnits: ['oppenvarden'],
      documentation: { kind: 'aggregate' },
      tally: {
        contact: {
          countedAs: 'participant',
          dimensions: ['gender', 'adultAge', 'numberOfChildren', 'household', 'routeIn'],
        },
      },
      exemptionGround: grounds.parentSupportCope,
    },
    {
      id: 'rorligt-elevstod',
      sourceRow: 14,
      name: { sv: 'Rörligt elevstöd', en: 'Mobile pupil support' },
      targetGroup: {
        text: {
          sv: 'Barn/ungdomar 10–16 år, föräldrar',
          en: 'Children and young people aged 10–16, and parents',
        },
        // Parents are in the target group too, so the pupils' range is not enforced on every contact.
        ageRange: { min: 10, max: 16 },
      },
      responsibleUnits: ['rorligt-elevstod'],
      documentation: {
        kind: 'aggregate-with-working-notes',
        alsoCovers: [{ sv: 'Handlingsplan', en: 'Action plan' }],
      },
      tally: { contact: { countedAs: 'session', dimensions: ['gender', 'individualAge', 'problemArea'] } },
      series: {},
      exemptionGround: grounds.mobilePupilSupport,
    },
    {
      id: 'anhorigstod',
      sourceRow: 15,
      name: {
        sv: 'Anhörigstöd skadligt bruk eller beroende / psykisk ohälsa',
        en: 'Support for relatives (harmful use or addiction / mental ill-health)',
      },
      targetGroup: { text: { sv: 'Anhöriga', en: 'Relatives' } },
      responsibleUnits: [MOTESPLATS],
      documentation: { kind: 'aggregate-with-working-notes' },
      tally: {
        contact: {
          countedAs: 'session',
          dimensions: ['gender', 'relationToRelative', 'problemArea', 'routeIn', 'furtherAction'],
        },
      },
      series: {},
      exemptionGround: grounds.relativesSupport,
    },
    {
      id: 'motesplats-uppsokande',
      sourceRow: 16,
      name: { sv: 'Uppsökande verksamhet', en: 'Outreach' },
      targetGroup: {
        text: {
          sv: 'Medborgare med missbruks- och beroendeproblem',
          en: 'Residents with substance-use problems',
        },
      },
      responsibleUnits: [MOTESPLATS],
      documentation: { kind: 'aggregate' },
      tally: { contact: { countedAs: 'occasion', dimensions: ['gender'] } },
      exemptionGround: grounds.substanceOutreach,
    },
    {
      id: 'motesplats-oppen-verksamhet',
      sourceRow: 17,
      name: { sv: 'Öppen verksamhet Mötesplats', en: 'Open drop-in activity at Mötesplats' },
      targetGroup: {
        text: { sv: 'Medborgare i Vaggeryds kommun', en: 'Residents of Vaggeryd municipality' },
      },
      responsibleUnits: [MOTESPLATS],
      documentation: { kind: 'aggregate' },
      tally: { visitors: {} },
      exemptionGround: grounds.openActivity,
    },
    {
      id: 'trygghetslarm',
      sourceRow: 18,
      name: { sv: 'Trygghetslarm ordinärt boende', en: 'Personal safety alarm, ordinary housing' },
      description: {
        sv: 'Förenklad handläggning ersätts av insats utan behovsprövning utifrån vissa villkor.',
        en: 'Simplified handling is replaced by an intervention without needs-testing under certain conditions.',
      },
      targetGroup: {
        text: { sv: 'Personer 65 år och äldre', en: 'People aged 65 and over' },
        ageRange: { min: 65 },
      },
      responsibleUnits: ['aldreomsorgen'],
      documentation: {
        kind: 'case-record-required',
        system: {
          sv: 'Äldreomsorgens verksamhetssystem (personakt)',
          en: "Elderly care's case-management system (personal case file)",
        },
      },
    },
  ],
} as const satisfies CatalogueInput;

/** Vaggeryd catalogue version 1.0, validated: for logs recorded under it (and their audits). */
export function vaggerydCatalogueV1_0(): Catalogue {
  return CatalogueSchema.parse(vaggerydCatalogueV1_0Input);
}
