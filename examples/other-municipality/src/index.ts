/** Exempelby kommun (fictional): another municipality's catalogue in JSON, end to end. */
export { catalogueFile, schemaFile } from './catalogue-files.js';
export { type CatalogueMistake, catalogueMistakes, invalidVariant } from './invalid-variant.js';
export { loadCatalogue } from './load-catalogue.js';
export { exempelbyRefusals } from './refusal-examples.js';
export { type ExampleOptions, type ExampleResult, runExample } from './run-example.js';
export { committedSchema, generatedSchemaText, writeSchema } from './schema-file.js';
