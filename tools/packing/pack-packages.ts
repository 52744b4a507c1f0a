import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root directory. */
export const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

/** A package of the workspace that is published: its directory, name and manifest. */
export interface PublishedPackage {
  readonly directory: string;
  readonly name: string;
  readonly manifest: {
    readonly name: string;
    readonly version: string;
    readonly engines?: { readonly node?: string };
    readonly exports: Readonly<Record<string, unknown>>;
  };
}

/** Every package under packages/ (the examples and the bench are private and never packed). */
export function publishedPackages(): PublishedPackage[] {
  const packagesDirectory = join(repositoryRoot, 'packages');
  return readdirSync(packagesDirectory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(packagesDirectory, entry.name))
    .filter((directory) => {
      try {
        return !JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')).private;
      } catch {
        return false;
      }
    })
    .map((directory) => {
      const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8'));
      return { directory, name: manifest.name, manifest };
    });
}

/** The specifiers a package's export map offers: `@pinnstatistik/core`, `@pinnstatistik/core/testing`. */
export function specifiersOf(published: PublishedPackage): string[] {
  return Object.keys(published.manifest.exports)
    .filter((subpath) => subpath !== './package.json')
    .map((subpath) => (subpath === '.' ? published.name : `${published.name}/${subpath.slice(2)}`));
}

/**
 * Packs every published package (already built) into `destination` with `pnpm pack`, which
 * turns `workspace:*` into the packages' versions. Returns the tarballs' paths.
 */
export function packPackages(destination: string): string[] {
  const target = resolve(destination);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  for (const published of publishedPackages()) {
    execFileSync('pnpm', ['pack', '--pack-destination', target], {
      cwd: published.directory,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  return readdirSync(target)
    .filter((file) => file.endsWith('.tgz'))
    .sort()
    .map((file) => join(target, file));
}
