import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { type LibraryBuild, libraryBuild } from './library-build.js';

/** The machine and code a run measured. */
export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly os: string;
  readonly node: string;
  readonly commit: string | undefined;
  readonly date: string;
  /**
   * Linux's transparent huge pages mode (`always`, `madvise`, `never`), when known: where a first
   * touch of a 4 KiB page is dear (a VM), it moves the store-level figures by 2× (bench/README).
   */
  readonly transparentHugePages: string | undefined;
  /** Which build of the library was measured: the packages users install (`dist`), or the sources through tsx. */
  readonly library: LibraryBuild;
}

/** The mode Linux marks with brackets in `/sys/kernel/mm/transparent_hugepage/enabled`. */
function transparentHugePages(): string | undefined {
  try {
    return /\[(\w+)\]/.exec(readFileSync('/sys/kernel/mm/transparent_hugepage/enabled', 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}

/** Describes this machine (and the commit checked out, when there is one). */
export function describeMachine(): Machine {
  let commit: string | undefined;
  try {
    commit = execSync('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    commit = undefined;
  }
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    commit,
    date: new Date().toISOString(),
    transparentHugePages: transparentHugePages(),
    library: libraryBuild(),
  };
}
