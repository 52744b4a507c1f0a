import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The workspace packages the bench measures. */
const MEASURED = ['core', 'store-memory', 'projections', 'store-postgres', 'cli'] as const;

const PACKAGES = fileURLToPath(new URL('../../packages/', import.meta.url));

/** Where the bench's `@pinnstatistik/*` imports resolve: the built packages, or their sources through tsx. */
export type LibraryBuild = 'dist' | 'source';

/**
 * Which build this process runs. `pnpm bench` runs the built packages — what users install —
 * with `bench/tsconfig.run.json` (no path mapping). Run through the repository's tsconfig, the
 * imports resolve to `src/` and go through tsx's transform, which names every function with a
 * call (`__name`) where it is created: a closure made per command pays it, and the command path
 * measured ≈ 1.15× slower that way than from `dist` (bench/README, a tenth stop).
 */
export function libraryBuild(): LibraryBuild {
  const resolved = import.meta.resolve('@pinnstatistik/core');
  return resolved.includes('/dist/') ? 'dist' : 'source';
}

/** The newest modification time under a folder, ignoring tests (milliseconds). */
function newestSource(folder: string): { file: string; time: number } {
  let newest = { file: folder, time: 0 };
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.includes('.test.')) continue;
    const file = path.join(entry.parentPath, entry.name);
    const time = statSync(file).mtimeMs;
    if (time > newest.time) newest = { file, time };
  }
  return newest;
}

/**
 * Why the built packages cannot be measured — one missing, or older than a source file it is
 * built from (a run would measure code that is no longer there) — or `undefined` when they can.
 */
export function staleBuild(): string | undefined {
  for (const name of MEASURED) {
    const built = path.join(PACKAGES, name, 'dist', 'index.js');
    let builtAt: number;
    try {
      builtAt = statSync(built).mtimeMs;
    } catch {
      return `packages/${name} is not built (no dist/index.js): run \`pnpm build\` first`;
    }
    const newest = newestSource(path.join(PACKAGES, name, 'src'));
    if (newest.time > builtAt)
      return `packages/${name}/dist is older than ${path.relative(path.join(PACKAGES, '..'), newest.file)}: run \`pnpm build\` first`;
  }
  return undefined;
}
