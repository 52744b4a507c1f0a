import type { z } from 'zod';
import { AdoptCatalogueSchema } from '../catalogue/adopt-catalogue-command.js';
import { CatalogueSchema } from '../catalogue/catalogue.js';
import { defaultCodeLists } from '../catalogue/default-code-lists.js';
import { AmendSheetSchema } from '../sealing/amend-sheet.js';
import {
  CloseSeriesSchema,
  OpenSeriesSchema,
  RecordSessionSchema,
  WriteNoteSchema,
} from '../series/series-commands.js';
import { TallyCommandSchema } from '../tally/commands.js';
import { defOf, innerSchemas } from './zod-def.js';

/** Collects every object key a schema names, and every literal and enum value it allows. */
function collect(schema: z.ZodType, names: Set<string>, words: Set<string>, seen: Set<z.ZodType>): void {
  if (seen.has(schema)) return;
  seen.add(schema);
  const def = defOf(schema);
  for (const [key, field] of Object.entries(def.shape ?? {})) {
    names.add(key);
    collect(field, names, words, seen);
  }
  for (const value of def.values ?? []) if (typeof value === 'string') words.add(value);
  for (const value of Object.values(def.entries ?? {})) if (typeof value === 'string') words.add(value);
  for (const child of [
    def.keyType,
    def.valueType,
    def.element,
    def.rest ?? undefined,
    ...(def.items ?? []),
    ...innerSchemas(def),
  ])
    if (child !== undefined) collect(child, names, words, seen);
}

/** The field names and closed values of a schema: words the library wrote, never the caller. */
export function schemaVocabulary(schema: z.ZodType): {
  names: ReadonlySet<string>;
  words: ReadonlySet<string>;
} {
  const names = new Set<string>();
  const words = new Set<string>();
  collect(schema, names, words, new Set());
  return { names, words };
}

let commands: { names: ReadonlySet<string>; words: ReadonlySet<string> } | undefined;

/** The field names and closed values of every command the library takes (and of the catalogue), with the default code lists. */
export function commandVocabulary(): { names: ReadonlySet<string>; words: ReadonlySet<string> } {
  if (commands === undefined) {
    const names = new Set<string>();
    const words = new Set<string>();
    const seen = new Set<z.ZodType>();
    for (const schema of [
      TallyCommandSchema,
      AmendSheetSchema,
      AdoptCatalogueSchema,
      CatalogueSchema,
      OpenSeriesSchema,
      RecordSessionSchema,
      WriteNoteSchema,
      CloseSeriesSchema,
    ])
      collect(schema, names, words, seen);
    // The library's default code lists: their names are the usual dimension ids, their codes the usual marks.
    for (const [name, list] of Object.entries(defaultCodeLists)) {
      names.add(name);
      for (const entry of list.codes) words.add(entry.code);
    }
    commands = { names, words };
  }
  return commands;
}
