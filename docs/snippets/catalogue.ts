import { catalogueJsonSchema, parseCatalogueJson, vaggerydCatalogueInput } from '@pinnstatistik/core';

// Start from a catalogue you have (here Vaggeryd's, as JSON) and make it your municipality's.
const mine = JSON.parse(JSON.stringify(vaggerydCatalogueInput));
mine.id = 'exempelby';
mine.municipality = { name: 'Exempelby kommun (fictional)', code: '9999' };
mine.decision = { body: 'Socialnämnden', diaryNumber: 'SN 2025/17', date: '2025-02-12' };
mine.effectiveFrom = '2025-03-01';
mine.interventions[0].responsibleUnits = ['familjecentral', 'tandvarden']; // a unit that does not exist

const result = parseCatalogueJson(JSON.stringify(mine));
if (result._tag === 'Left') {
  // Every problem is located by a JSON Pointer into the file.
  for (const issue of result.left.issues) console.log(issue.path, issue.message); // /interventions/0/responsibleUnits/1 unknown unit "tandvarden"
}

// Editors validate the file against the exported JSON Schema (cross-references are checked only by the parser).
const schema = catalogueJsonSchema();
console.log(Object.keys(schema.properties as object).length, 'top-level fields');
