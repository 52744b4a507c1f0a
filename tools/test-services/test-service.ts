/** A server or program some test suites need, and how the test command provides it. */
export interface TestService {
  /** What it is, for messages: `PostgreSQL`, `Chromium`. */
  readonly name: string;
  /** The suites that need it, as globs from the repository root (vitest `exclude` patterns). */
  readonly suites: readonly string[];
  /** `undefined` when it is there and answering; otherwise why not, in one phrase. */
  probe(): Promise<string | undefined>;
  /** How a person provides it on this machine, as the end of a sentence ("start it: …"). */
  howTo(): string;
  /**
   * Starts or installs it where this machine allows (root, with the system's own tools), saying
   * what it does; `false` when it may not or cannot even try.
   */
  provide(log: (line: string) => void): Promise<boolean>;
}

/** `PINNSTATISTIK_REQUIRE_SERVICES=1` (CI): a missing service fails the run instead of skipping. */
export const REQUIRE_SERVICES = 'PINNSTATISTIK_REQUIRE_SERVICES';

/** Whether missing services are failures (CI) rather than skips (a developer's machine). */
export function servicesRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env[REQUIRE_SERVICES];
  return value !== undefined && value !== '' && value !== '0' && value !== 'false';
}

/** Whether this process may install packages and start system services (root). */
export function isRoot(): boolean {
  return process.getuid?.() === 0;
}
