import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../envelope/canonical-json.js';
import type { JsonValue } from '../../json.js';
import type { Catalogue } from '../catalogue.js';
import { NOT_IN_SOURCE } from '../legal-basis.js';
import { requiresSeries, talliesSeriesLengths } from '../series-policy.js';
import { vaggerydCatalogueV1_0 } from './v1-0/catalogue.js';
import { vaggerydCatalogue } from './vaggeryd-catalogue.js';

const seedText = readFileSync(
  fileURLToPath(new URL('../../../../../docs/source/insatser-utan-behovsbedomning.txt', import.meta.url)),
  'utf8',
);
/** The source with its PDF line breaks and double spaces folded, so a quotation can be found word for word. */
const flat = (text: string): string => text.replace(/\s+/g, ' ').trim();
const source = flat(seedText);

const catalogue = vaggerydCatalogue();
const row = (n: number) => {
  const policy = catalogue.interventions.find((candidate) => candidate.sourceRow === n);
  if (policy === undefined) throw new Error(`row ${n} missing`);
  return policy;
};

/** Every Swedish text of a catalogue, with where it sits. */
function swedishTexts(value: unknown, path = ''): { path: string; text: string }[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => swedishTexts(item, `${path}/${index}`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) =>
    key === 'sv' && typeof item === 'string' ? [{ path, text: item }] : swedishTexts(item, `${path}/${key}`),
  );
}

describe('version 1.0 stays exactly as logs recorded it', () => {
  it('has the canonical content existing logs adopted (its hash is pinned)', () => {
    const hash = createHash('sha256')
      .update(canonicalJson(vaggerydCatalogueV1_0() as unknown as JsonValue))
      .digest('hex');
    expect(hash).toBe('a0b777bbb427915af33e43c67bd9db630e77da1ba4c3c86561a539ca8af36a72');
  });

  it('is not what vaggerydCatalogue() returns any more: that is 1.1', () => {
    expect(vaggerydCatalogueV1_0().version).toBe('1.0');
    expect(catalogue.version).toBe('1.1');
    expect(vaggerydCatalogue({ effectiveFrom: '2026-02-01' }).effectiveFrom).toBe('2026-02-01');
  });
});

describe('version 1.1 quotes the source verbatim and invents nothing', () => {
  it('finds every ground, exemption, series limit and row 18’s condition word for word in the source', () => {
    const quotations = catalogue.interventions.flatMap((policy) => [
      ...(policy.exemptionGround === undefined ? [] : [policy.exemptionGround.sv]),
      ...(policy.documentation.kind === 'exempt' ? [policy.documentation.ground.sv] : []),
      ...(policy.series?.source === undefined ? [] : [policy.series.source.sv]),
    ]);
    quotations.push(row(18).description?.sv ?? 'row 18 has its condition');
    expect(quotations.length).toBeGreaterThan(18);
    // Sentence by sentence: row 6's ground joins two cells of the page that are not adjacent in its text.
    const sentences = quotations.flatMap((quotation) => flat(quotation).split(/(?<=\.) (?=[A-ZÅÄÖ])/));
    for (const sentence of sentences) expect(source).toContain(sentence);
  });

  it('quotes the cells the review found cut or padded whole, and nothing more', () => {
    const row6 = row(6).documentation;
    expect(row6.kind === 'exempt' && row6.ground.sv).toMatch(
      /befinner sig\. Detta innebär att de under arbetstid rör sig i många olika miljöer för att möta och söka ungdomar\.$/,
    );
    expect(row(16).exemptionGround?.sv).toBe(
      'Behandlare på Mötesplats arbetar uppsökande till individer med missbruksproblem och i miljöer där dessa kan befinna sig.',
    );
    expect(row(4).series?.source?.sv).toBe('antal hembesök max 3 ggr minimum 1 ggn');
    expect(row(4).series?.reading?.sv).toContain('familj');
  });

  it('says "uppgift saknas i källan" for the decision, and marks its date and legal basis as assumptions', () => {
    expect(catalogue.decision).toEqual({
      body: NOT_IN_SOURCE,
      diaryNumber: NOT_IN_SOURCE,
      date: NOT_IN_SOURCE,
    });
    const about = (catalogue.assumptions ?? []).map((assumption) => assumption.about);
    expect(about).toEqual(expect.arrayContaining(['effectiveFrom', 'decision', 'legalBasis']));
    // Only the note on what 1.0 said names the body 1.0 invented.
    expect(JSON.stringify({ ...catalogue, assumptions: [] })).not.toContain('Socialnämnden');
  });

  it('does not claim that no decision precedes row 14 (a steering group grants it)', () => {
    for (const provision of catalogue.legalBasis) {
      expect(provision.description.sv).not.toMatch(/föregås inte av något beslut/);
      expect(provision.description.sv).toContain('styrgrupp');
    }
    expect(row(14).exemptionGround?.sv).toContain('En särskild styrgrupp beviljar insatsen');
  });

  it('says "sammanhängande" in its own words and keeps "sammanhållande" only inside the quotation', () => {
    const quoted = row(11).series?.source?.sv;
    expect(quoted).toBe('Max fem sammanhållande samtal.');
    const own = swedishTexts(catalogue).filter(({ text }) => text !== quoted);
    expect(own.filter(({ text }) => /sammanhållande/.test(text))).toEqual([]);
    expect(row(11).series?.reading?.sv).toContain('sammanhängande');
  });

  it('calls child health care BHV, as the source does', () => {
    const labels = JSON.stringify(catalogue.codeLists);
    expect(labels).toContain('Barnhälsovården (BHV)');
    expect(labels).not.toMatch(/BVC|MVC/);
  });
});

describe('version 1.1: ages as the policy says', () => {
  const dimension = (id: string) => catalogue.dimensions.find((candidate) => candidate.id === id);

  it('keeps no exact years unless the catalogue gives its reason', () => {
    const exact = catalogue.dimensions.filter(
      (candidate) =>
        (candidate.kind === 'age' || candidate.kind === 'age-list') &&
        candidate.banding.kind === 'exact-years' &&
        candidate.banding.reason === undefined,
    );
    expect(exact).toEqual([]);
  });

  it("bands children's and young people's ages in Socialstyrelsen's age groups, naming the source", () => {
    for (const id of ['individualAge', 'pupilAge', 'childAges']) {
      const banding = (dimension(id) as Extract<Catalogue['dimensions'][number], { kind: 'age' }>).banding;
      expect(banding.kind).toBe('classes');
      expect(banding.kind === 'classes' && banding.convention.sv).toMatch(/Socialstyrelsen.*2015-12-33/);
    }
  });

  it('starts adult ages at 18', () => {
    expect(dimension('adultAge')).toMatchObject({ banding: { kind: 'five-year' }, ages: { min: 18 } });
  });

  it('tallies parents’ and pupils’ ages at Rörligt elevstöd, one of them per contact, pupils 10–16', () => {
    expect(row(14).tally.contact?.oneOf).toEqual([['pupilAge', 'adultAge']]);
    expect(row(14).targetGroup.ageRange).toEqual({ min: 10, max: 16, enforcedOn: 'pupilAge' });
  });
});

describe('version 1.1: series', () => {
  it('requires every contact of rows 4 and 11 to belong to a series, and no other', () => {
    expect(catalogue.interventions.filter(requiresSeries).map((policy) => policy.sourceRow)).toEqual([4, 11]);
    expect(row(4).series).toMatchObject({ minContacts: 1, maxContacts: 3 });
    expect(row(11).series).toMatchObject({ maxContacts: 5 });
    expect(vaggerydCatalogueV1_0().interventions.filter(requiresSeries)).toEqual([]);
  });

  it('tallies no series lengths for Rörligt elevstöd, whose sessions the source does not count', () => {
    const withLengths = catalogue.interventions
      .filter(talliesSeriesLengths)
      .map((policy) => policy.sourceRow);
    expect(withLengths).toEqual([1, 4, 8, 11, 15]);
    expect(talliesSeriesLengths(row(14))).toBe(false);
  });

  it('says in its own words that the action plan is treated as a working note', () => {
    const documentation = row(14).documentation;
    expect(documentation.kind === 'aggregate-with-working-notes' && documentation.alsoCovers).toEqual([
      { sv: 'Handlingsplan', en: 'Action plan' },
    ]);
    const reading = row(14).assumptions?.find(
      (assumption) => assumption.about === 'documentation/alsoCovers',
    );
    expect(reading?.text.sv).toMatch(/Projektets läsning: handlingsplanen är en arbetsanteckning/);
  });
});
