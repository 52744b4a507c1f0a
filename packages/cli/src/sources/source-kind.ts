/** What a source or target argument names. */
export type SourceKind = 'memory' | 'eventstoredb' | 'postgres' | 'file';

const EVENTSTOREDB = /^(esdb|kurrentdb|kurrent|kdb)(\+discover)?:\/\//;
const POSTGRES = /^postgres(ql)?:\/\//;

/** `esdb://…`/`kurrentdb://…` → EventStoreDB/KurrentDB, `postgres://…` → PostgreSQL, `memory`, else a file path. */
export function sourceKindOf(target: string): SourceKind {
  if (target === 'memory') return 'memory';
  if (EVENTSTOREDB.test(target)) return 'eventstoredb';
  if (POSTGRES.test(target)) return 'postgres';
  return 'file';
}

/** A connection string's host, for messages (in English, or in Swedish): never its user or password. */
export function describeTarget(target: string, lang: 'sv' | 'en' = 'en'): string {
  const at = lang === 'sv' ? 'på' : 'at';
  switch (sourceKindOf(target)) {
    case 'memory':
      return lang === 'sv' ? 'i minnet' : 'in memory';
    case 'eventstoredb':
      return `EventStoreDB ${at} ${safeHost(target)}`;
    case 'postgres':
      return `PostgreSQL ${at} ${safeHost(target)}${safeDatabase(target)}`;
    case 'file':
      return target;
  }
}

function safeHost(target: string): string {
  try {
    return new URL(target).host || 'localhost';
  } catch {
    return 'an unparsable address';
  }
}

function safeDatabase(target: string): string {
  try {
    const database = new URL(target).pathname.slice(1);
    return database === '' ? '' : `/${database}`;
  } catch {
    return '';
  }
}

/** "in PostgreSQL at …" as Swedish words: `i PostgreSQL på …`, `i minnet`. */
export function inTargetSv(target: string): string {
  return sourceKindOf(target) === 'memory' ? 'i minnet' : `i ${describeTarget(target, 'sv')}`;
}
