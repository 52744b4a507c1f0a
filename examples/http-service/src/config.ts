import { readFileSync } from 'node:fs';
import { type Catalogue, parseCatalogueJson } from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import type { ServerOptions } from './server.js';

/** Why the environment could not configure the service, one line per problem. */
export interface ConfigProblem {
  readonly code: 'CONFIG_INVALID';
  readonly problems: readonly string[];
}

function integer(name: string, raw: string | undefined, min: number, max: number, problems: string[]) {
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max}`);
    return undefined;
  }
  return value;
}

function catalogueFrom(path: string | undefined, problems: string[]): Catalogue | undefined {
  if (path === undefined || path === '') return undefined;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    problems.push(`CATALOGUE_FILE: cannot read ${path}`);
    return undefined;
  }
  const parsed = parseCatalogueJson(text);
  if (E.isLeft(parsed)) {
    for (const issue of parsed.left.issues)
      problems.push(`CATALOGUE_FILE ${issue.path || '/'}: ${issue.message}`);
    return undefined;
  }
  return parsed.right;
}

/**
 * The service's settings from the environment: `PORT` (default 8080), `HOST` (default
 * 127.0.0.1), `BODY_LIMIT_BYTES` (default 32768), `CATALOGUE_FILE` (a catalogue in JSON;
 * default Vaggeryd's) and `DISCLOSURE_K` (default 5).
 */
export function configFromEnvironment(env: NodeJS.ProcessEnv): E.Either<ConfigProblem, ServerOptions> {
  const problems: string[] = [];
  const port = integer('PORT', env.PORT, 0, 65_535, problems);
  const bodyLimit = integer('BODY_LIMIT_BYTES', env.BODY_LIMIT_BYTES, 256, 1_048_576, problems);
  const disclosureK = integer('DISCLOSURE_K', env.DISCLOSURE_K, 2, 100, problems);
  const catalogue = catalogueFrom(env.CATALOGUE_FILE, problems);
  if (problems.length > 0) return E.left({ code: 'CONFIG_INVALID', problems });
  return E.right({
    ...(port === undefined ? {} : { port }),
    ...(env.HOST === undefined || env.HOST === '' ? {} : { host: env.HOST }),
    ...(bodyLimit === undefined ? {} : { bodyLimit }),
    ...(disclosureK === undefined ? {} : { disclosureK }),
    ...(catalogue === undefined ? {} : { catalogue }),
  });
}
