import { describe, expect, it } from 'vitest';
import { isPaddedSizeExceeded } from './padding.js';
import { PADDED_SIZES, paddedSizeFor } from './padding-policy.js';

// A series' events are padded to one size, but for working notes, which take the smallest of
// three buckets they fit. Before this test any series event that outgrew the first size was
// padded to a note's — so its length alone told it apart from every other event of its stream.
describe('the padded size of a private event', () => {
  const [first, second, third] = PADDED_SIZES.series;

  it('gives a working note the smallest bucket it fits', () => {
    expect(paddedSizeFor('series', 100, 'NoteWritten')).toBe(first);
    expect(paddedSizeFor('series', first, 'NoteWritten')).toBe(second);
    expect(paddedSizeFor('series', second, 'NoteWritten')).toBe(third);
  });

  it.each(['SeriesOpened', 'SessionRecorded', 'SeriesClosing'])(
    'never gives a %s a note-sized bucket: one that outgrows the series size is refused',
    (type) => {
      expect(paddedSizeFor('series', first - 1, type)).toBe(first);
      let thrown: unknown;
      try {
        paddedSizeFor('series', first, type);
      } catch (error) {
        thrown = error;
      }
      expect(isPaddedSizeExceeded(thrown)).toBe(true);
    },
  );

  it('refuses a note that fits no bucket, and any event of a one-size kind that outgrows it', () => {
    expect(() => paddedSizeFor('series', third, 'NoteWritten')).toThrow(/does not fit/);
    expect(() => paddedSizeFor('tally', PADDED_SIZES.tally[0], 'ContactTallied')).toThrow(/does not fit/);
    expect(paddedSizeFor('registry', 10, 'SheetRegistered')).toBe(PADDED_SIZES.registry[0]);
  });
});
