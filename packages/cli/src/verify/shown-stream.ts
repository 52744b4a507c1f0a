import { findPersonalData } from '@pinnstatistik/core';
import { streamKindOf } from './stream-kind.js';

/** What a finding names in place of a stream whose name the guard refuses. */
export const WITHHELD_STREAM = '(namn undanhållet / name withheld)';

/** Whether a stream's name holds personal data: the whole of an unknown name, a catalogue's id. */
export function nameHoldsPersonalData(stream: string): boolean {
  const kind = streamKindOf(stream);
  const free = kind === undefined ? stream : kind.chosen;
  return free !== '' && findPersonalData(free) !== undefined;
}

/** A stream's name as a finding may show it: never one that holds personal data. */
export function shownStream(stream: string): string {
  return nameHoldsPersonalData(stream) ? WITHHELD_STREAM : stream;
}
