import { type Catalogue, type CatalogueInput, CatalogueSchema } from '../catalogue.js';
import { childAndYouthAgeClasses } from '../child-age-classes.js';
import { defaultCodeLists } from '../default-code-lists.js';
import { NOT_IN_SOURCE } from '../legal-basis.js';
import { vaggerydGrounds as grounds } from './vaggeryd-grounds.js';

const FAMILY_CENTRE = 'familjecentral';
const FIELD_WORKERS = 'faltare';
const YOUTH_CLINIC = 'ungdomsmottagningen';
const FAMILY_YOUTH_TEAM = 'familj-och-ungdomsteamet';
const MOTESPLATS = 'motesplats';

/** The project's default for when version 1.1 takes effect in a log that has no earlier version. */
export const VAGGERYD_1_1_DEFAULT_EFFECTIVE_FROM = '2025-01-01';

const crossTabulationNote = (dimension: string) =>
  ({
    about: `tally/contact/crossTabulations/gender×${dimension}`,
    kind: 'deviation',
    text: {
      sv: `Källan begär inga korstabeller. Korstabellen kön × ${dimension === 'adultAge' ? 'ålder vuxen' : 'ålder individ'} är projektets tillägg för uppföljning av kön och ålder tillsammans; den bygger på samma pinnar och röjandekontrolleras som alla tabeller.`,
      en: `The source asks for no cross-tabulations. Gender × ${dimension === 'adultAge' ? 'adult age' : 'age of the young person'} is the project's addition, to follow gender and age together; it is built from the same tallies and disclosure-controlled like every table.`,
    },
  }) as const;

const participantNote = {
  about: 'tally/contact/countedAs',
  kind: 'assumption',
  text: {
    sv: 'Källan säger inte vad en pinne är. Projektets läsning: en pinne per deltagande vuxen och tillfälle.',
    en: 'The source does not say what one tally is. The project reads it as one tally per participating adult and occasion.',
  },
} as const;

const optionalSeriesNote = {
  about: 'series',
  kind: 'assumption',
  text: {
    sv: 'Arbetsanteckningar förs "för att minnas mellan samtal": projektet låter samtal med samma person samlas i en serie som bär anteckningarna. Serien är frivillig; källan sätter ingen gräns.',
    en: 'Working notes are kept "to remember between sessions": the project lets sessions with one person be grouped in a series that carries the notes. The series is optional; the source sets no limit.',
  },
} as const;

/**
 * Vaggeryd catalogue version 1.1: all 18 rows of "Insatser utan behovsbedömning" (page 8 of
 * the social services' documentation policy), read as docs/source/reading.md reads it, with
 * everything the page does not say marked in `assumptions` (see docs/vaggeryd-review.md).
 *
 * What changed from 1.0: ages of children and young people are stored in Socialstyrelsen's age
 * classes instead of exact years, adult ages start at 18, row 11 tallies the ages of all the
 * children a contact concerns, row 14 tallies parents' ages and keeps no series-length table,
 * rows 4 and 11 require every contact to belong to a series, the decision fields the source
 * does not give say so, and the source's words are quoted verbatim.
 */
export const vaggerydCatalogueInput = {
  id: 'vaggeryd',
  version: '1.1',
  effectiveFrom: VAGGERYD_1_1_DEFAULT_EFFECTIVE_FROM,
  municipality: { name: 'Vaggeryds kommun', code: '0665' },
  decision: { body: NOT_IN_SOURCE, diaryNumber: NOT_IN_SOURCE, date: NOT_IN_SOURCE },
  legalBasis: [
    {
      sfs: '2001:453',
      chapter: 11,
      paragraph: '5',
      description: {
        sv: 'Socialtjänstlagen: handläggning av ärenden som rör enskilda och genomförande av beslut om insatser ska dokumenteras. Insatserna i katalogen ges utan biståndsbeslut och dokumenteras därför inte i en social journal; Rörligt elevstöd (rad 14) beviljas av en särskild styrgrupp men är inte biståndsbedömt enligt socialtjänstlagen.',
        en: 'Social Services Act: the handling of matters concerning individuals and the carrying out of decisions on interventions are documented. The interventions in this catalogue are given without a decision on assistance and so are not documented in a social-services case file; mobile pupil support (row 14) is granted by a special steering group but is not needs-assessed under the Social Services Act.',
      },
    },
  ],
  source: {
    sv: 'Vaggeryds kommun, socialtjänsten: "Insatser utan behovsbedömning", sida 8. Sidan anger inte vilket organ som beslutat dokumentet, diarienummer, beslutsdatum eller rättslig grund; katalogen skriver "uppgift saknas i källan" där den inte vet och märker varje antagande (se antagandena).',
    en: 'Vaggeryds kommun, social services: "Interventions without a needs assessment", page 8. The page names no deciding body, diary number, decision date or legal basis; the catalogue says "uppgift saknas i källan" (not stated in the source) where it does not know and marks every assumption (see the assumptions).',
  },
  assumptions: [
    {
      about: 'effectiveFrom',
      kind: 'assumption',
      text: {
        sv: 'Källan anger inte från när den gäller. 2025-01-01 är projektets antagande för en logg utan tidigare version. En logg som redan har version 1.0 antar 1.1 från en senare dag, efter den sista dag som registrerats enligt 1.0 (vaggerydCatalogue({ effectiveFrom })); 1.0 gäller då fortfarande för sina datum.',
        en: "The source does not say from when it applies. 2025-01-01 is the project's assumption for a log with no earlier version. A log that already holds version 1.0 adopts 1.1 from a later day, after the last day recorded under 1.0 (vaggerydCatalogue({ effectiveFrom })); 1.0 still governs its own dates.",
      },
    },
    {
      about: 'decision',
      kind: 'assumption',
      text: {
        sv: 'Beslutande organ, diarienummer och beslutsdatum står inte på sidan: "uppgift saknas i källan". Version 1.0 angav "Socialnämnden" och 2025-01-01, som inte står i källan.',
        en: 'The deciding body, diary number and decision date are not on the page: "uppgift saknas i källan" (not stated in the source). Version 1.0 gave "Socialnämnden" and 2025-01-01, which the source does not state.',
      },
    },
    {
      about: 'legalBasis',
      kind: 'assumption',
      text: {
        sv: 'Sidan anger ingen rättslig grund. Socialtjänstlagen (2001:453) 11 kap. 5 § är projektets antagande om den dokumentationsskyldighet insatserna undantas från. Lagen ersattes av en ny socialtjänstlag (2025:400) den 1 juli 2025; kommunen anger den bestämmelse som gäller.',
        en: "The page gives no legal basis. The Social Services Act (2001:453) chapter 11 section 5 is the project's assumption about the documentation duty the interventions are exempt from. That act was replaced by a new Social Services Act (2025:400) on 1 July 2025; the municipality names the provision in force.",
      },
    },
    {
      about: 'municipality/code',
      kind: 'assumption',
      text: {
        sv: 'Kommunkoden 0665 står inte i källan; den är SCB:s kod för Vaggeryds kommun.',
        en: "The municipality code 0665 is not in the source; it is Statistics Sweden's code for Vaggeryds kommun.",
      },
    },
    {
      about: 'codeLists',
      kind: 'assumption',
      text: {
        sv: 'Källan namnger uppgifterna (kön, väg in, problematik, ytterligare åtgärder, relation till anhörig, sammanboende/ensamstående) men inte deras värden. Kodlistorna är projektets förslag som kommunen bekräftar; varje lista har "Uppgift saknas" så att en uppgift alltid anges och aldrig gissas.',
        en: 'The source names the items (gender, route in, problem area, further action, relation to the relative, cohabiting/single) but not their values. The code lists are the project\'s proposal for the municipality to confirm; every list has "not stated", so a mark is always given and never guessed.',
      },
    },
    {
      about: 'dimensions/adultAge',
      kind: 'assumption',
      text: {
        sv: 'Ålder vuxen lagras i femårsklasser enligt sidans anmärkning "Ålder vuxen 5-års intervall", med SCB:s klassindelning (15–19, 20–24 … 100+). Vuxen ålder börjar vid 18 år (myndighetsåldern); en yngre förälder registreras med "Uppgift saknas".',
        en: 'Adult age is stored in five-year classes per the page\'s note "Ålder vuxen 5-års intervall", in Statistics Sweden\'s classes (15–19, 20–24 … 100+). Adult ages start at 18 (the age of majority); a younger parent is recorded as "not stated".',
      },
    },
    {
      about: 'dimensions/individualAge',
      kind: 'assumption',
      text: {
        sv: 'Källan säger inte hur barns och ungas åldrar lagras. Projektet lagrar dem i Socialstyrelsens åldersgrupper för barn och unga (se åldersindelningen), aldrig som exakta år: den exakta åldern används bara i dörren för att pröva målgruppen.',
        en: "The source does not say how children's and young people's ages are stored. The project stores them in Socialstyrelsen's age groups for children and young people (see the banding), never as exact years: the exact age is used only at the door, to check the target group.",
      },
    },
    {
      about: 'dimensions/numberOfChildren',
      kind: 'assumption',
      text: {
        sv: 'Antal barn toppkodas vid "4+", så att stora familjer inte går att peka ut.',
        en: 'The number of children is top-coded at "4+", so that large families cannot be singled out.',
      },
    },
  ],
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
  codeLists: defaultCodeLists,
  dimensions: [
    { id: 'gender', kind: 'code-list', label: { sv: 'Kön', en: 'Gender' }, codeList: 'gender' },
    {
      id: 'adultAge',
      kind: 'age',
      label: { sv: 'Ålder vuxen', en: 'Adult age' },
      banding: { kind: 'five-year' },
      ages: { min: 18 },
    },
    {
      id: 'individualAge',
      kind: 'age',
      label: { sv: 'Ålder individ', en: 'Age of the young person' },
      banding: childAndYouthAgeClasses,
      ages: { min: 13, max: 25 },
    },
    {
      id: 'pupilAge',
      kind: 'age',
      label: { sv: 'Ålder elev', en: "Pupil's age" },
      banding: childAndYouthAgeClasses,
      ages: { min: 10, max: 16 },
    },
    {
      id: 'childAges',
      kind: 'age-list',
      label: { sv: 'Ålder barn', en: "Children's ages" },
      counts: { sv: 'barn', en: 'children' },
      banding: childAndYouthAgeClasses,
      ages: { min: 0, max: 17 },
      maxEntries: 12,
      matchesCount: 'numberOfChildren',
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
      series: { lengthTallied: true },
      exemptionGround: grounds.familyCentre,
      assumptions: [optionalSeriesNote, crossTabulationNote('adultAge')],
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
      assumptions: [participantNote],
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
      assumptions: [participantNote],
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
        required: true,
        minContacts: 1,
        maxContacts: 3,
        lengthTallied: true,
        source: {
          sv: 'antal hembesök max 3 ggr minimum 1 ggn',
          en: 'number of home visits at most 3 times, at least 1 time',
        },
        reading: {
          sv: 'Projektets läsning: gränsen gäller hembesöken hos en familj. Varje hembesök hör till en serie för familjen; en serie som avslutas utan hembesök redovisas, nekas aldrig.',
          en: "The project's reading: the limit is on the home visits to one family. Every home visit belongs to a series for the family; a series closed with no visit is reported, never refused.",
        },
      },
      exemptionGround: grounds.familyCentre,
      assumptions: [
        {
          about: 'series',
          kind: 'assumption',
          text: {
            sv: 'Källan säger "max 3 ggr minimum 1 ggn" men inte per vad. Projektets läsning: per familj (målgruppen är föräldrar till barn 0–1 år). Orden "per familj" står inte i källan och finns därför inte i citatet.',
            en: 'The source says "at most 3 times, at least 1 time" but not per what. The project reads it as per family (the target group is parents of children aged 0–1). The words "per family" are not in the source and so are not in the quotation.',
          },
        },
      ],
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
      assumptions: [crossTabulationNote('individualAge')],
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
      assumptions: [
        {
          about: 'tally/groupMeeting',
          kind: 'assumption',
          text: {
            sv: 'Sidan har anmärkningen "Ålder vuxen 5-års intervall" bredvid raden, men raden räknar "antal träffar, antal vuxna, antal barn och kön", inte ålder. Projektet räknar vuxna och barn efter kön per träff och lägger inte till någon ålder.',
            en: 'The page has the note "Ålder vuxen 5-års intervall" (adult age in five-year classes) beside the row, but the row counts "meetings, adults, children and gender", not age. The project counts adults and children by gender per meeting and adds no age.',
          },
        },
      ],
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
      series: { lengthTallied: true },
      exemptionGround: grounds.youthClinic,
      assumptions: [optionalSeriesNote, crossTabulationNote('individualAge')],
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
      assumptions: [
        {
          about: 'exemptionGround',
          kind: 'assumption',
          text: {
            sv: 'Radens cell slutar med meningen "Grupper i samverkan med skola/fritid och fältare skall vara förebyggande …", som hör till rad 10 och upprepas där. Projektet citerar cellen hel, som den står.',
            en: 'The row\'s cell ends with the sentence "Groups run with school, leisure services and field workers are to be preventive …", which belongs to row 10 and is repeated there. The project quotes the cell whole, as it stands.',
          },
        },
      ],
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
          dimensions: ['gender', 'childAges', 'numberOfChildren', 'problemArea', 'routeIn', 'furtherAction'],
        },
      },
      series: {
        required: true,
        maxContacts: 5,
        lengthTallied: true,
        source: { sv: 'Max fem sammanhållande samtal.', en: 'At most five connected sessions.' },
        reading: {
          sv: 'Projektets läsning: högst fem sammanhängande samtal med samma person eller familj. Varje samtal hör till en serie, så att gränsen inte kan kringgås genom att ett sjätte samtal registreras utanför serien.',
          en: "The project's reading: at most five connected sessions with one person or family. Every session belongs to a series, so the limit cannot be bypassed by tallying a sixth session outside it.",
        },
      },
      exemptionGround: grounds.adviceAndSupport,
      assumptions: [
        {
          about: 'tally/contact/dimensions/childAges',
          kind: 'assumption',
          text: {
            sv: 'Källan räknar "ålder barn" och "antal barn" men säger inte vilka barn. Projektets läsning: barnen som samtalet gäller. En ålder anges per barn (lika många som antal barn), lagras i åldersgrupp och räknas i en egen tabell som räknar barn, inte samtal.',
            en: 'The source tallies "ålder barn" (child age) and "antal barn" (number of children) but does not say which children. The project reads them as the children the session concerns: one age per child (as many as the number of children), stored as an age group and counted in a table of its own that counts children, not sessions.',
          },
        },
        {
          about: 'tally/contact/dimensions/gender',
          kind: 'assumption',
          text: {
            sv: 'Kön avser den person samtalet förs med (källan säger inte vems).',
            en: 'Gender is that of the person the session is held with (the source does not say whose).',
          },
        },
      ],
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
      assumptions: [participantNote],
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
        ageRange: { min: 10, max: 16, enforcedOn: 'pupilAge' },
      },
      responsibleUnits: ['rorligt-elevstod'],
      documentation: {
        kind: 'aggregate-with-working-notes',
        alsoCovers: [{ sv: 'Handlingsplan', en: 'Action plan' }],
      },
      tally: {
        contact: {
          countedAs: 'session',
          dimensions: ['gender', 'pupilAge', 'adultAge', 'problemArea'],
          oneOf: [['pupilAge', 'adultAge']],
        },
      },
      series: { lengthTallied: false },
      exemptionGround: grounds.mobilePupilSupport,
      assumptions: [
        {
          about: 'tally/contact/oneOf',
          kind: 'assumption',
          text: {
            sv: 'Målgruppen är elever 10–16 år och deras föräldrar; källan räknar "ålder". Projektets läsning: ett samtal med en elev anger elevens ålder (prövas mot 10–16 år), ett samtal med en förälder förälderns ålder i femårsklasser enligt anmärkningen "Ålder vuxen 5-års intervall". Den andra åldern lagras som "Ej tillämpligt".',
            en: 'The target group is pupils aged 10–16 and their parents; the source tallies "age". The project reads it as: a session with a pupil gives the pupil\'s age (checked against 10–16), one with a parent gives the parent\'s age in five-year classes per the note "Ålder vuxen 5-års intervall". The other age is stored as "not applicable".',
          },
        },
        {
          about: 'documentation/alsoCovers',
          kind: 'assumption',
          text: {
            sv: 'Källan nämner "Arbetsanteckningar, handlingsplan" utan att säga hur handlingsplanen sparas. Projektets läsning: handlingsplanen är en arbetsanteckning. Den förs i seriens anteckningar, sparas inte och förstörs när serien avslutas.',
            en: 'The source names "working notes, action plan" without saying how the action plan is kept. The project reads the action plan as a working note: it is kept in the series\' notes, never saved, and destroyed when the series closes.',
          },
        },
        {
          about: 'series/lengthTallied',
          kind: 'assumption',
          text: {
            sv: 'Källan räknar inte "antal samtal" för raden. Serier finns bara för arbetsanteckningarna och handlingsplanen; deras längd räknas inte.',
            en: 'The source does not count "antal samtal" (number of sessions) for this row. Series exist only for the working notes and the action plan; their length is not tallied.',
          },
        },
      ],
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
      series: { lengthTallied: true },
      exemptionGround: grounds.relativesSupport,
      assumptions: [optionalSeriesNote],
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
        sv: 'Förenklad handläggning ersätts av insats utan behovsdprövning utifrån vissa villkor.',
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
      assumptions: [
        {
          about: 'documentation/system',
          kind: 'assumption',
          text: {
            sv: 'Källan säger "Dokumentation krävs i verksamhetssystem". Att det är äldreomsorgens verksamhetssystem och en personakt är projektets läsning.',
            en: 'The source says "documentation is required in the case-management system". That it is elderly care\'s system and a personal case file is the project\'s reading.',
          },
        },
      ],
    },
  ],
} as const satisfies CatalogueInput;

/** When Vaggeryd catalogue version 1.1 takes effect in a log. */
export interface VaggerydCatalogueOptions {
  /**
   * The first day 1.1 governs (`YYYY-MM-DD`). Default 2025-01-01, for a log with no earlier
   * version. A log that already holds 1.0 gives a later day: after the last date recorded
   * under 1.0 (in practice the first day of a month not yet tallied), and keeps giving that
   * same day on every start, since re-adopting a version with other content is refused.
   */
  readonly effectiveFrom?: string;
}

/**
 * The Vaggeryd catalogue in force: version 1.1, validated. Version 1.0 stays available, for
 * the logs recorded under it, as `vaggerydCatalogueV1_0()`.
 */
export function vaggerydCatalogue(options: VaggerydCatalogueOptions = {}): Catalogue {
  return CatalogueSchema.parse({
    ...vaggerydCatalogueInput,
    effectiveFrom: options.effectiveFrom ?? VAGGERYD_1_1_DEFAULT_EFFECTIVE_FROM,
  });
}
