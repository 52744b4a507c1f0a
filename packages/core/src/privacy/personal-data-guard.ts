import { toJsonPointer } from '../catalogue/validation-issue.js';
import { findPersonalData } from './find-personal-data.js';
import type { PersonalDataKind } from './personal-data-kind.js';

/** Where personal data was found in an input, and of what kind — never the value. */
export interface PersonalDataFinding {
  readonly path: string;
  readonly kind: PersonalDataKind;
}

/** Fewer than seven digits and no "@": nothing the guard looks for can be in it (its own fast check). */
const tooShortForPersonalData = (value: number): boolean => value > -1_000_000 && value < 1_000_000;

// `path` is a stack, extended and restored in place: a pointer is built only for a finding.
function scanValue(value: unknown, path: PropertyKey[], depth: number): PersonalDataFinding | undefined {
  if (depth > 32) return undefined;
  if (typeof value === 'string') {
    const kind = findPersonalData(value);
    return kind === undefined ? undefined : { path: toJsonPointer(path), kind };
  }
  if (typeof value === 'number' && Number.isInteger(value)) {
    if (tooShortForPersonalData(value)) return undefined;
    const kind = findPersonalData(String(value));
    return kind === undefined ? undefined : { path: toJsonPointer(path), kind };
  }
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      path.push(index);
      const finding = scanValue(value[index], path, depth + 1);
      path.pop();
      if (finding !== undefined) return finding;
    }
    return undefined;
  }
  if (typeof value === 'object' && value !== null) {
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      const keyKind = findPersonalData(key);
      // A key that is itself personal data is located by its parent, so the key never appears in a path.
      if (keyKind !== undefined) return { path: toJsonPointer(path), kind: keyKind };
      path.push(key);
      const finding = scanValue((value as Record<string, unknown>)[key], path, depth + 1);
      path.pop();
      if (finding !== undefined) return finding;
    }
  }
  return undefined;
}

/** Scans every string (and integer), and every object key, of an input for personal data. */
export function scanForPersonalData(input: unknown): PersonalDataFinding | undefined {
  return scanValue(input, [], 0);
}
