import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

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

let checked: { errors: string[] } | undefined;
/**
 * One `tsc` run over every package's check files (each imports all of its package's entry
 * points with `import` from a .mts and with `require` from a .cts, resolved from the package's
 * own directory): one compiler start instead of one per package, which on shared CPUs is the
 * difference between seconds and minutes. Its errors, as absolute `file(line,col): …` lines.
 */
function typeCheck(): { errors: string[] } {
  if (checked !== undefined) return checked;
  const files = packages.flatMap(({ dir, specifiers }) => {
    const check = join(dir, '.exports-check');
    rmSync(check, { recursive: true, force: true });
    mkdirSync(check);
    const uses = specifiers.map(
      (_, index) => `export const n${index}: number = Object.keys(m${index}).length;`,
    );
    const imports = specifiers.map(
      (specifier, index) => `import * as m${index} from ${JSON.stringify(specifier)};`,
    );
    const requires = specifiers.map(
      (specifier, index) => `import m${index} = require(${JSON.stringify(specifier)});`,
    );
    writeFileSync(join(check, 'esm.mts'), [...imports, ...uses].join('\n'));
    writeFileSync(join(check, 'cjs.cts'), [...requires, ...uses].join('\n'));
    return [join(check, 'esm.mts'), join(check, 'cjs.cts')];
  });
  const project = join(packagesDir, '.exports-check');
  rmSync(project, { recursive: true, force: true });
  mkdirSync(project);
  writeFileSync(
    join(project, 'tsconfig.json'),
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
      files,
    }),
  );
  let output = '';
  try {
    node(project, [tsc, '-p', 'tsconfig.json', '--pretty', 'false']);
  } catch (error) {
    output = (error as { stdout?: string }).stdout ?? String(error);
  } finally {
    for (const { dir } of packages) rmSync(join(dir, '.exports-check'), { recursive: true, force: true });
    rmSync(project, { recursive: true, force: true });
  }
  // tsc names files relative to the project directory: made absolute, each error names its package.
  const errors = output
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (/^\.\.?\//.test(line) ? join(project, line) : line));
  checked = { errors };
  return checked;
}

describe('the built packages, type-checked together', () => {
  beforeAll(() => {
    if (packages.every(({ built }) => built)) typeCheck();
  }, 600_000);

  it('type-check without an error that belongs to no package', () => {
    const stray = typeCheck().errors.filter(
      (line) => /error TS/.test(line) && !packages.some(({ dir }) => line.startsWith(`${dir}/`)),
    );
    expect(stray).toEqual([]);
  });
});

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
    expect(built, `${name} has no dist/: run pnpm build`).toBe(true);
    // Its check files, its dist/ and its own node_modules: all of them are the package's.
    const errors = typeCheck().errors.filter((line) => line.startsWith(`${dir}/`));
    expect(errors, `type resolution failed for ${name}`).toEqual([]);
  });
});
