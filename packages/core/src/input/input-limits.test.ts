import { describe, expect, it } from 'vitest';
import { AdoptCatalogueSchema } from '../catalogue/adopt-catalogue-command.js';
import { WriteNoteSchema } from '../series/series-commands.js';
import { TallyCommandSchema } from '../tally/commands.js';
import { DEFAULT_STRING_LIMIT, DOCUMENT_STRING_LIMIT, limitsOf } from './input-limits.js';

describe('length limits, read from the schemas', () => {
  it('a working note may hold its documented maximum; its token and id the default', () => {
    const note = limitsOf(WriteNoteSchema);
    expect(note.child('text').maxString).toBe(2_000);
    expect(note.child('token').maxString).toBe(DEFAULT_STRING_LIMIT);
    expect(note.child('anything else').maxString).toBe(DEFAULT_STRING_LIMIT);
  });

  it("a tally's marks and head counts are short; the union of its commands is merged", () => {
    const tally = limitsOf(TallyCommandSchema);
    expect(tally.child('marks').child('gender').maxString).toBe(DEFAULT_STRING_LIMIT);
    expect(tally.child('marks').maxKey).toBe(DEFAULT_STRING_LIMIT);
    expect(tally.child('visitors').maxKey).toBe(DEFAULT_STRING_LIMIT);
  });

  it('a catalogue offered for adoption is a document: its texts may be long, to a limit', () => {
    const catalogue = limitsOf(AdoptCatalogueSchema).child('catalogue');
    expect(catalogue.child('interventions').child(0).child('name').child('sv').maxString).toBe(
      DOCUMENT_STRING_LIMIT,
    );
  });
});
