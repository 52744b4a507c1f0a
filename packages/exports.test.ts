import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Every package is imported from its *built* output, the way a user's project would, in
// both module systems: a broken export map, a missing .d.cts or an ESM-only dependency fails here.
const packagesDir = fileURLToPath(new URL('.', import.meta.url));
const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));

interface Manifest {
  name: string;
  exports: Record<string, unknown>;
}

const packages = readdirSync(packagesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(packagesDir, entry.name, 'package.json')))
  .map((entry) => {
    const dir = join(packagesDir, entry.name);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
    const specifiers = Object.keys(manifest.exports)
      .filter((subpath) => subpath !== './package.json')
      .map((subpath) => (subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`));
    return { dir, name: manifest.name, specifiers, built: existsSync(join(dir, 'dist')) };
  });

const node = (dir: string, args: string[]): string =>
  execFileSync(process.execPath, args, { cwd: dir, encoding: 'utf8' });

describe.each(packages)('the built package $name', ({ dir, name, specifiers, built }) => {
  it('has been built (pnpm build runs before the tests)', () => {
    expect(built, `${name} has no dist/: run pnpm build`).toBe(true);
  });

  it.each(specifiers)('%s loads with import and with require, exporting the same names', (specifier) => {
    const esm = node(dir, [
      '--input-type=module',
      '-e',
      `const m = await import(${JSON.stringify(specifier)}); console.log(JSON.stringify(Object.keys(m).filter((k) => k !== 'default').sort()))`,
    ]);
    const cjs = node(dir, [
      '-e',
      `console.log(JSON.stringify(Object.keys(require(${JSON.stringify(specifier)})).sort()))`,
    ]);
    const esmNames = JSON.parse(esm) as string[];
    expect(esmNames.length).toBeGreaterThan(0);
    expect(JSON.parse(cjs)).toEqual(esmNames);
  });

  it('resolves types for import (.d.ts) and require (.d.cts) under NodeNext', () => {
    const check = join(dir, '.exports-check');
    rmSync(check, { recursive: true, force: true });
    mkdirSync(check);
    try {
      const imports = specifiers.map(
        (specifier, index) => `import * as m${index} from ${JSON.stringify(specifier)};`,
      );
      const uses = specifiers.map(
        (_, index) => `export const n${index}: number = Object.keys(m${index}).length;`,
      );
      writeFileSync(join(check, 'esm.mts'), [...imports, ...uses].join('\n'));
      const requires = specifiers.map(
        (specifier, index) => `import m${index} = require(${JSON.stringify(specifier)});`,
      );
      writeFileSync(join(check, 'cjs.cts'), [...requires, ...uses].join('\n'));
      writeFileSync(
        join(check, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            module: 'nodenext',
            moduleResolution: 'nodenext',
            strict: true,
            noEmit: true,
            skipLibCheck: false,
            types: ['node'],
            typeRoots: [join(packagesDir, '../node_modules/@types')],
          },
          files: ['esm.mts', 'cjs.cts'],
        }),
      );
      node(check, [tsc, '-p', 'tsconfig.json']);
    } catch (error) {
      const output = (error as { stdout?: string }).stdout ?? String(error);
      throw new Error(`type resolution failed for ${name}:\n${output}`);
    } finally {
      rmSync(check, { recursive: true, force: true });
    }
  });
});
