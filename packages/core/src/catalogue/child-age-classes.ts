import type { AgeBanding } from './age-banding.js';

/**
 * Age classes for children and young people as Socialstyrelsen publishes them in the official
 * statistics on social-services interventions for children and young people: 0–3, 4–6, 7–9,
 * 10–12, 13–14, 15–17 and 18–20 years (Socialstyrelsen, "Statistik om socialtjänstinsatser
 * till barn och unga 2014", art.nr 2015-12-33, table 1). Above 20 the project adds 21–25 (young
 * adults up to 25, the youth clinic's target group) and an open 26+; that extension is the
 * project's assumption, not Socialstyrelsen's.
 */
export const childAndYouthAgeClasses = {
  kind: 'classes',
  lowerBounds: [0, 4, 7, 10, 13, 15, 18, 21, 26],
  convention: {
    sv: 'Socialstyrelsens åldersgrupper för barn och unga i den officiella statistiken om socialtjänstinsatser till barn och unga: 0–3, 4–6, 7–9, 10–12, 13–14, 15–17 och 18–20 år (Socialstyrelsen, Statistik om socialtjänstinsatser till barn och unga 2014, art.nr 2015-12-33, tabell 1). Klasserna 21–25 år och 26 år och äldre är projektets tillägg (antagande) för unga vuxna upp till 25 år.',
    en: "Socialstyrelsen's age groups for children and young people in the official statistics on social-services interventions for children and young people: 0–3, 4–6, 7–9, 10–12, 13–14, 15–17 and 18–20 years (Socialstyrelsen, Statistik om socialtjänstinsatser till barn och unga 2014, art. no. 2015-12-33, table 1). The classes 21–25 and 26 and over are the project's addition (an assumption) for young adults up to 25.",
  },
} as const satisfies AgeBanding;
