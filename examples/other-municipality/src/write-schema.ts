import { schemaFile } from './catalogue-files.js';
import { writeSchema } from './schema-file.js';

writeSchema();
console.log(`wrote ${schemaFile}`);
