import * as E from 'fp-ts/lib/Either.js';
import { todayOn } from '../ports/clock.js';
import { findPersonalDataAcrossNotes, NOTE_TAIL_LENGTH } from '../privacy/find-personal-data.js';
import { normaliseForStorage } from '../privacy/normalise-text.js';
import { readLength } from '../privacy/note-look-back.js';
import type { Refusal } from '../refusals/refusal.js';
import { refuse } from '../refusals/refuse.js';
import {
  MAX_NOTE_LENGTH,
  type ReadNotes,
  ReadNotesSchema,
  type WriteNote,
  WriteNoteSchema,
} from '../series/series-commands.js';
import type { NoteWritten } from '../series/series-events.js';
import { evolveSeries } from '../series/series-state.js';
import { commandDigest } from './command-digest.js';
import type { Receipt } from './receipt.js';
import type { SeriesStore } from './series-store.js';
import type { ServiceContext } from './service-context.js';

/** A working note as read back. */
export interface WorkingNote {
  readonly text: string;
  readonly writtenOn: string;
}

/**
 * The end of a series' notes read one after the other, as much as the guard reads a new note
 * with: at least the last {@link NOTE_TAIL_LENGTH} characters as the scan reads them (a note of
 * combining marks only takes no room, so the look-back reaches further back past it).
 */
function lookBackOfNotes(notes: readonly WorkingNote[]): string {
  let previous = '';
  let characters = 0;
  for (let index = notes.length - 1; index >= 0 && characters < NOTE_TAIL_LENGTH; index -= 1) {
    const text = notes[index]?.text ?? '';
    characters += readLength(text) + 1;
    previous = previous === '' ? text : `${text}\n${previous}`;
  }
  return previous;
}

/** Working notes: written sealed with the series key, readable while the series is open, destroyed with it. */
export function createNotesVault(context: ServiceContext, series: SeriesStore) {
  const writeNote = async (input: WriteNote): Promise<E.Either<Refusal, Receipt>> => {
    const parsed = series.parseWithToken(WriteNoteSchema, input);
    if (E.isLeft(parsed)) return parsed;
    const { stream, token: _token, ...content } = parsed.right;
    const { commandId, text } = content;
    const opened = await series.openable(stream);
    if (E.isLeft(opened)) return opened;
    const policy = await series.policyOf(opened.right.loaded.state);
    if (policy === undefined) return E.left(refuse.unknownIntervention({ clause: 'interventions' }, ''));
    if (policy.documentation.kind !== 'aggregate-with-working-notes') {
      return E.left(
        refuse.workingNotesNotAllowed(
          { interventionId: policy.id, clause: `interventions/${policy.id}/documentation` },
          policy.name,
          policy.documentation.kind,
        ),
      );
    }
    // What is stored is the text the guard read (normalised), never a form the scan did not see.
    const stored = normaliseForStorage(text);
    // NFKC can make one character many (U+FDFA: 18): the limit holds for what is stored, so
    // the largest padded size always fits (see PADDED_SIZES).
    if (stored.length > MAX_NOTE_LENGTH)
      return E.left(
        refuse.invalidInput([
          { path: '/text', message: `longer than ${MAX_NOTE_LENGTH} characters once normalised` },
        ]),
      );
    const { key } = opened.right;
    const digest = commandDigest({ ...content, series: stream });
    const note: NoteWritten = {
      type: 'NoteWritten',
      data: { text: stored, writtenOn: todayOn(context.clock) },
    };
    return context.writer.run({
      commandId,
      digest,
      load: async () => (await series.load(stream)).loaded,
      decide: (loaded) => {
        if (loaded.state.closing !== undefined) return E.left(refuse.seriesClosed());
        // A number split over notes is caught while the series key exists: the end of the
        // series' notes read together (not of the last note alone: a short middle note let a
        // number be spread over three) is read with this one — against the stream as it is
        // written to, so two notes written at once are each read after the other.
        const split = findPersonalDataAcrossNotes(lookBackOfNotes(loaded.state.notes), stored);
        if (split !== undefined) return E.left(refuse.personalDataDetected('/text', split));
        return E.right({ commandId, digest, events: [note], privacy: { key, kind: 'series' } });
      },
      evolve: evolveSeries,
      remember: series.remember,
      deleted: refuse.seriesClosed,
    });
  };

  const readNotes = async (input: ReadNotes): Promise<E.Either<Refusal, readonly WorkingNote[]>> => {
    const parsed = series.parseWithToken(ReadNotesSchema, input);
    if (E.isLeft(parsed)) return parsed;
    const opened = await series.openable(parsed.right.stream);
    return E.map((open: { loaded: { state: { notes: readonly WorkingNote[] } } }) => open.loaded.state.notes)(
      opened,
    );
  };

  return { writeNote, readNotes };
}
