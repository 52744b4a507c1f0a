import { commandVocabulary } from '../input/field-names.js';
import { safePointer } from '../input/safe-pointer.js';
import { findPersonalData } from './find-personal-data.js';
import type { PersonalDataKind } from './personal-data-kind.js';

/** Where personal data was found in an input, and of what kind — never the value. */
export interface PersonalDataFinding {
  /** A JSON Pointer naming only schema fields, catalogue ids and indices: never a key that was sent. */
  readonly path: string;
  readonly kind: PersonalDataKind;
}

/** What the guard may take as known. */
export interface GuardOptions {
  /**
   * Strings that are not personal data — the catalogue's ids and codes: a value equal to one
   * skips the scan. The library's own field names and closed values are always known.
   */
  readonly vocabulary?: ReadonlySet<string>;
}

/** A number is scanned as it is written (`8112189876`, `811218.9876`) once it has digits enough for a phone number. */
const mightBePersonalNumber = (value: number): boolean =>
  Math.abs(value) >= 1_000_000 || !Number.isInteger(value);

/** One value still to scan, with how it is reached (its path is rebuilt only for a finding). */
interface Pending {
  readonly value: unknown;
  readonly parent: Pending | undefined;
  readonly key: PropertyKey | undefined;
}

function pathOf(pending: Pending | undefined): PropertyKey[] {
  const path: PropertyKey[] = [];
  for (let at = pending; at?.key !== undefined; at = at.parent) path.unshift(at.key);
  return path;
}

function isKnown(
  text: string,
  names: ReadonlySet<string>,
  words: ReadonlySet<string>,
  options: GuardOptions,
): boolean {
  return names.has(text) || words.has(text) || options.vocabulary?.has(text) === true;
}

/** The kind of personal data a number holds as written, or without the leading zero a number loses (0701234567). */
function kindOfNumber(value: number): PersonalDataKind | undefined {
  if (!mightBePersonalNumber(value)) return undefined;
  const written = String(value);
  return findPersonalData(written) ?? (Number.isInteger(value) ? findPersonalData(`0${written}`) : undefined);
}

/**
 * Scans every string, every number and every object key of an input for personal data, and
 * reports the first finding by where it is (a key that is itself personal data is located by
 * its parent) and what kind. Everything reachable is scanned: there is no depth at which it
 * stops. The input should be the boundary's snapshot (`readInput`); on anything else it reads
 * own enumerable properties once, and cannot vouch for what a getter answers later.
 */
export function scanForPersonalData(
  input: unknown,
  options: GuardOptions = {},
): PersonalDataFinding | undefined {
  const { names, words } = commandVocabulary();
  const found = (at: Pending | undefined, kind: PersonalDataKind): PersonalDataFinding => ({
    path: safePointer(pathOf(at), options.vocabulary),
    kind,
  });
  let visited: Set<object> | undefined;
  const stack: Pending[] = [{ value: input, parent: undefined, key: undefined }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { value } = next;
    if (typeof value === 'string') {
      if (isKnown(value, names, words, options)) continue;
      const kind = findPersonalData(value);
      if (kind !== undefined) return found(next, kind);
    } else if (typeof value === 'number') {
      const kind = kindOfNumber(value);
      if (kind !== undefined) return found(next, kind);
    } else if (typeof value === 'object' && value !== null) {
      // A snapshot is a tree; raw input may hold cycles.
      visited ??= new Set();
      if (visited.has(value)) continue;
      visited.add(value);
      const children: Pending[] = [];
      if (Array.isArray(value)) {
        for (let index = 0; index < value.length; index += 1)
          children.push({ value: value[index], parent: next, key: index });
      } else {
        for (const key of Object.keys(value)) {
          if (!isKnown(key, names, words, options)) {
            const kind = findPersonalData(key);
            if (kind !== undefined) return found(next, kind);
          }
          children.push({ value: (value as Record<string, unknown>)[key], parent: next, key });
        }
      }
      // Pushed in reverse, so the first field is scanned (and reported) first.
      for (let index = children.length - 1; index >= 0; index -= 1) stack.push(children[index] as Pending);
    }
  }
  return undefined;
}
