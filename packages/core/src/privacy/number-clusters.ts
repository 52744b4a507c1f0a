/** Characters that may stand between the digit groups of one number (`070-123 45 67`, `(036) 10 50 00`): space ( ) + - . / */
const isSeparator = (code: number): boolean =>
  code === 32 || code === 40 || code === 41 || code === 43 || code === 45 || code === 46 || code === 47;
/** The most separator characters between two groups of one number (` - `, `) `). */
const MAX_GAP = 3;

/** A run of ASCII digits in the normalised text. */
export interface DigitRun {
  readonly digits: string;
  /** The separators before this run within its cluster ('' for the first run). */
  readonly gap: string;
  /** The gap without its spaces: `' - '` → `'-'`. */
  readonly mark: string;
}

/** Digit runs that may belong to one number: separated only by a few separator characters. */
export interface NumberCluster {
  readonly runs: readonly DigitRun[];
  /** Up to three characters before the first run (a `+` there makes the number international). */
  readonly before: string;
  /** Whether the first run continues a longer cluster (visited in chunks): it is then no number's start by position. */
  readonly continued: boolean;
}

/**
 * A long cluster is visited in chunks of this many runs, each starting with the last
 * {@link CHUNK_OVERLAP} runs of the one before: memory stays bounded whatever the input.
 */
const CHUNK_RUNS = 256;
/** More runs than any number spans (17 digits at most) plus the context a date or time range needs. */
const CHUNK_OVERLAP = 24;

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/**
 * Visits every cluster of digit runs in a normalised text, in one pass, until `visit` answers
 * true (found); answers whether it did.
 */
export function someNumberCluster(text: string, visit: (cluster: NumberCluster) => boolean): boolean {
  let index = 0;
  const length = text.length;
  while (index < length) {
    if (!isDigit(text.charCodeAt(index))) {
      index += 1;
      continue;
    }
    const before = text.slice(Math.max(0, index - MAX_GAP), index);
    let runs: DigitRun[] = [];
    let continued = false;
    let gap = '';
    for (;;) {
      const start = index;
      while (index < length && isDigit(text.charCodeAt(index))) index += 1;
      if (runs.length === CHUNK_RUNS) {
        if (visit({ runs, before, continued })) return true;
        runs = runs.slice(-CHUNK_OVERLAP);
        continued = true;
      }
      runs.push({ digits: text.slice(start, index), gap, mark: gap.includes(' ') ? gapMark(gap) : gap });
      let next = index;
      while (next < length && next - index < MAX_GAP && isSeparator(text.charCodeAt(next))) next += 1;
      if (next === index || next >= length || !isDigit(text.charCodeAt(next))) break;
      gap = text.slice(index, next);
      index = next;
    }
    if (visit({ runs, before, continued })) return true;
  }
  return false;
}

/** A gap without its spaces: `' - '` → `'-'`. */
export const gapMark = (gap: string): string => gap.replaceAll(' ', '');
