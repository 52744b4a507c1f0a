/**
 * The source page's cells, row by row, in its own words: each text below is found verbatim in
 * docs/source/insatser-utan-behovsbedomning.txt once its PDF line breaks are folded into single
 * spaces (a test checks every one). The extraction's own breaks inside words ("Ungdoms-
 * mottagningen") and the page's spelling are kept. Which cell belongs to which row follows
 * docs/source/reading.md; the anmärkning "Ålder vuxen 5-års intervall" follows the ground of
 * the row it belongs to on the page (rows 1–3, 7 and 13).
 */
export interface SeedRow {
  readonly row: number;
  /** Insatser utan behovsbedömning. */
  readonly name: string;
  /** Målgrupp. */
  readonly targetGroup: string;
  /** Ansvarig. */
  readonly responsible: string;
  /** Dokumentation. */
  readonly documentation: string;
  /** Dokumentationsnivå: what is tallied (or why nothing is). */
  readonly level?: string;
  /** Undantag från dokumentationkrav: why no case record is kept. */
  readonly ground?: string;
  /** Anm. */
  readonly note?: string;
}

const familyCentre =
  'Familjecentralens verksamheter skall vara förebyggande och insatserna är inte behovsprövade. Ingen form av biståndsbeslut ligger till grund för insatsen varför det heller inte skapas en social journal för individen.';
const adultAgeNote = 'Ålder vuxen 5-års intervall';

/** The page's definitions of its documentation levels, verbatim. */
export const seedDefinitions = [
  'Aggregerad data = information om insats som inte kan kopplas till enskilda individer - föra statistik för att följa upp insatsen och effekten av insatsen, lokal evidens.',
  'Arbetsanteckningar: återkommande samtal med information om föregående samtal av vikt, utan att röja den enskildes identitet. Arbetsanteckningar får ej sparas, undantas dokumentationskrav.',
] as const;

/** The 18 rows of the page, verbatim. */
export const seedRows: readonly SeedRow[] = [
  {
    row: 1,
    name: 'Enskilda samtal kuratorer',
    targetGroup: 'Gravida och föräldrar för barn 0-6 år',
    responsible: 'Familjecentral',
    documentation: 'Arbetsanteckningar Aggregerad data',
    level:
      'Pinnstatistik förs avseende; antal samtal, kön, ålder vuxen, antal barn, sammanboende/ensamstående, Typ av område av "problematik" , väg in, ytterligare åtgärder. Arbetsanteckningar för att minnas mellan samtal.',
    ground: familyCentre,
    note: adultAgeNote,
  },
  {
    row: 2,
    name: 'Spädbarnsmassage',
    targetGroup: 'Föräldrar och barn 0-1 år',
    responsible: 'Familjecentral',
    documentation: 'Aggregerad data',
    level: 'Pinnstatistik förs avseende; kön vuxen, ålder vuxen, väg in',
    ground: familyCentre,
    note: adultAgeNote,
  },
  {
    row: 3,
    name: 'Föräldrastödsgrupp',
    targetGroup: 'Föräldrar för barn 0-6 år',
    responsible: 'Familjecentral',
    documentation: 'Aggregerad data',
    level:
      'Pinnstatistik förs avseende; kön vuxen, ålder vuxen, antal barn, sammanboende/ensamstående, väg in',
    ground: familyCentre,
    note: adultAgeNote,
  },
  {
    row: 4,
    name: 'Gemensamma hembesök tillsammans med BHV',
    targetGroup: 'Föräldrar för barn 0-1 år',
    responsible: 'Familjecentral',
    documentation: 'Aggregerad data',
    level: 'Pinnstatistik förs avseende; antal hembesök max 3 ggr minimum 1 ggn',
    ground: familyCentre,
  },
  {
    row: 5,
    name: 'Allvarssamtal med enskild',
    targetGroup: 'Barn/ungdomar 13-21',
    responsible: 'Fältare',
    documentation: 'Aggregerad data',
    level: 'Pinnstatistik förs avseende; kön och ålder enskild, problematik, väg in',
    ground:
      'Allvarssamtal skall vara förebyggande och insatserna är inte behovsprövade. Ingen form av biståndsbeslut ligger till grund för insatsen varför det heller inte skapas en social journal för individen.',
  },
  {
    row: 6,
    name: 'Uppsökande verksamhet',
    targetGroup: 'Barn/ungdomar 13-21',
    responsible: 'Fältare',
    documentation: 'Dokumentation undantas',
    level: 'Det bedöms inte vara genomförbart att dokumetera denna verksamhet på aggregerad nivå.',
    ground:
      'Fältarnas främsta arbetsuppgift är relationssskapande och uppsökande verksemhet i miljöer där ungdomar befinner sig. Detta innebär att de under arbetstid rör sig i många olika miljöer för att möta och söka ungdomar.',
  },
  {
    row: 7,
    name: 'Gruppverksamhet',
    targetGroup: 'Barn/ungdomar 13-21',
    responsible: 'Fältare',
    documentation: 'Aggregerad data',
    level: 'Pinnstatistik förs avseende; antal träffar, antal vuxna, antal barn och kön',
    ground:
      'Grupper i samverkan med skola/fritid skall vara förebyggande och insatserna är inte behovsprövade. Ingen form av biståndsbeslut ligger till grund för insatsen varför det heller inte skapas en social journal för individen.',
    note: adultAgeNote,
  },
  {
    row: 8,
    name: 'Enskilda samtal kuratorer',
    targetGroup: 'Ungdomar 13-25',
    responsible: 'Ungdoms- mottagningen',
    documentation: 'Arbetsanteckningar Aggregerad data',
    level:
      'Pinnstatistik förs avseende; antal samtal, kön, ålder individ. Typ av område av "problematik" , väg in. Arbetsanteckningar för att minnas mellan samtal.',
    ground:
      'Ungdomsmottagningens verksamheter skall vara förebyggande och insatserna är inte behovsprövade. Ingen form av biståndsbeslut ligger till grund för insatsen varför det heller inte skapas en social journal för individen.',
  },
  {
    row: 9,
    name: 'Uppsökande verksamhet',
    targetGroup: 'Barn/ungdomar 13-25',
    responsible: 'Ungdoms- mottagningen',
    documentation: 'Aggregerad data',
    level: 'Pinnstatistik; ålder och kön',
    ground:
      'Ungdomsmottagningen arbetar uppsökande i miljöer där ungdomar befinner sig. Grupper i samverkan med skola/fritid och fältare skall vara förebyggande och insatserna är inte behovsprövade.',
  },
  {
    row: 10,
    name: 'Gruppverksamhet',
    targetGroup: 'Barn/ungdomar 13-25',
    responsible: 'Ungdoms- mottagningen',
    documentation: 'Aggregerad data',
    level: 'Pinnstatistik; Antal träffar, Antal barn, kön',
    ground:
      'Grupper i samverkan med skola/fritid och fältare skall vara förebyggande och insatserna är inte behovsprövade. Ingen form av biståndsbeslut ligger till grund för insatsen varför det heller inte skapas en social journal för individen.',
  },
  {
    row: 11,
    name: 'Råd och stöd',
    targetGroup: 'Samtliga medborgare i Vaggeryds kommun',
    responsible: 'Familj- och ungdoms- teamet, Mötesplats, Mottaget MY',
    documentation: 'Arbetsanteckningar Aggregerad data',
    level:
      'Pinnstatistik förs avseende; antal samtal, kön, ålder barn, antal barn, typ av område av "problematik" , väg in, ytterligare åtgärder. Arbetsanteckningar för att minnas mellan samtal. Max fem sammanhållande samtal.',
    ground:
      'Råd och stöd till medborgare skall vara förebyggande och insatserna är inte behovsprövade. Ingen form av biståndsbeslut ligger till grund för insatsen varför det heller inte skapas en social journal för individen.',
  },
  {
    row: 12,
    name: 'Gruppverksamhet',
    targetGroup: 'Barn/ungdomar från 10 år',
    responsible: "Familj- och ungdoms- 'teamet",
    documentation: 'Aggregerad data',
    level: 'Pinnstatistik förs avseende; antal träffar, antal barn och kön',
    ground:
      'Mentaliseringsgrupp för barn som har svårigheter i samspel erbjuds som en råd och stödinsats för att vara ett lätt tillgängligt stöd till barn och föräldrar. Insatsen kan erbjudas utan biståndsbeslut.',
    note: 'Mentalisering: "förmågan att förstå sina egna och andras tankar och känslor".',
  },
  {
    row: 13,
    name: 'Gruppverksamhet',
    targetGroup: 'Föräldrar med barn 0-21 år',
    responsible: 'Öppenvården',
    documentation: 'Aggregerad data',
    level: 'Pinnstatistik förs avseende; kön, ålder vuxen antal barn, sammanboende/ensamstående, väg in.',
    ground:
      'Föräldrastödsgrupp, för närvarande COPE, erbjuds som en råd och stödinsats för att vara ett lätt tillgängligt stöd till föräldrar. Insatsen kan erbjudas utan biståndsbeslut varför insatsen inte kan dokumenteras i en social journal.',
    note: adultAgeNote,
  },
  {
    row: 14,
    name: 'Rörligt elevstöd',
    targetGroup: 'Barn/ungdomar 10 - 16 år, föräldrar,',
    responsible: 'Rörligt elevstöd',
    documentation: 'Arbetsanteckningar Aggregerad data',
    level: 'Arbetsanteckningar, handlingsplan. Pinnstatistik förs avseende; ålder, kön, problematik',
    ground:
      'Rörligt elevstöd är en samverkan mellan BUN och Socialtjänsten. En särskild styrgrupp beviljar insatsen och den är inte biståndsbedömd jml. SoL. Utifrån detta dokumenteras insatsen inte i en social journal.',
  },
  {
    row: 15,
    name: 'Anhörigstöd Skadligt bruk eller beroende/psykisk ohälsa',
    targetGroup: 'Anhöriga',
    responsible: 'Mötesplats',
    documentation: 'Arbetsanteckningar Aggregerad data',
    level:
      'Pinnstatistik avseende; antal samtal, kön, relation till anhörig. Typ av område av "problematik" , väg in, ytterligare åtgärder. Arbetsanteckningar',
    ground:
      'Anhörigstöd skadligt bruk eller beroende/psykisk ohälsa erbjuds som en råd och stödinstats till medborgare. Råd och stöd till medborgare skall vara förebyggande och insatserna är inte behovsprövade. Ingen form av biståndsbeslut ligger till grund för insatsen varför det heller inte skapas en social journal för individen.',
  },
  {
    row: 16,
    name: 'Uppsökande verksamhet',
    targetGroup: 'Medborgare med missbruk- och beroendeproblem',
    responsible: 'Mötesplats',
    documentation: 'Aggregerad data',
    level: 'Pinnstatistik; antal tillfällen samt kön',
    ground:
      'Behandlare på Mötesplats arbetar uppsökande till individer med missbruksproblem och i miljöer där dessa kan befinna sig.',
  },
  {
    row: 17,
    name: 'Öppen verksamhet Mötesplats',
    targetGroup: 'Medborgare i Vaggeryds kommun',
    responsible: 'Mötesplats',
    documentation: 'Aggregerad data',
    level: 'Pinnstatistik förs avseende; antal besökande samt kön.',
    ground:
      'Mötesplats öppna verksamhet sker i samverkan med församlingarna i Vaggeryds kommun. Under denna cafétid sker även matkasseutdelning i kyrkans regi. Detta är öppen verksamhet och definieras som råd och stödinsatser varför dokumentation ej sker.',
  },
  {
    row: 18,
    name: 'Trygghetslarm ordinärt boende',
    targetGroup: 'Personer 65 år och äldre',
    responsible: 'Äldre omsorgen',
    documentation: 'Dokumentation krävs i verksamhetssystem',
    ground: 'Förenklad handläggning ersätts av insats utan behovsdprövning utifrån vissa villkor.',
  },
];
