// `pnpm test:pack`: what a user outside the monorepo gets. Packs every package, installs the
// tarballs with npm into a fresh project (it needs the npm registry for their dependencies),
// then runs the getting-started guide's ESM and CommonJS scripts, loads every entry point both
// ways, typechecks under NodeNext and Bundler with skipLibCheck: false, runs the installed
// `pinnstatistik` bin, and checks every tarball has a README and honest engines.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import semver from 'semver';
import { packagesRejectingNode } from './engines-check.js';
import { GUIDE, guideFiles } from './guide-files.js';
import { packPackages, publishedPackages, repositoryRoot, specifiersOf } from './pack-packages.js';

interface Outcome {
  readonly name: string;
  readonly problem?: string;
}

const outcomes: Outcome[] = [];

/** Runs one check; a thrown error (or a returned problem) fails it, and the run goes on. */
function check(name: string, run: () => string | undefined): void {
  let problem: string | undefined;
  try {
    problem = run();
  } catch (error) {
    const { stdout, stderr, message } = error as { stdout?: unknown; stderr?: unknown; message?: string };
    problem = [message, stdout, stderr].filter((part) => typeof part === 'string' && part !== '').join('\n');
  }
  outcomes.push(problem === undefined ? { name } : { name, problem });
  console.log(`${problem === undefined ? 'ok  ' : 'FAIL'}  ${name}`);
  if (problem !== undefined) console.log(problem.replace(/^/gm, '      '));
}

/** Runs a command in the project; returns its output, throws with its output when it fails. */
function run(project: string, command: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): string {
  const result = spawnSync(command, args, {
    cwd: project,
    encoding: 'utf8',
    env: { ...process.env, ...env, NO_COLOR: '1' },
  });
  if (result.status !== 0)
    throw Object.assign(new Error(`${command} ${args.join(' ')} exited with ${result.status}`), {
      stdout: result.stdout,
      stderr: result.stderr,
    });
  return result.stdout;
}

const rootManifest = JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8'));
const supportedNode: string = rootManifest.engines.node;
const lowestNode = semver.minVersion(supportedNode)?.version ?? '20.19.0';
const toolVersion = (name: string): string =>
  JSON.parse(readFileSync(join(repositoryRoot, 'node_modules', name, 'package.json'), 'utf8')).version;

const work = mkdtempSync(join(tmpdir(), 'pinnstatistik-pack-'));
const project = join(work, 'project');
try {
  const published = publishedPackages();
  const tarballs = packPackages(join(work, 'packs'));
  console.log(`packed ${tarballs.length} packages into ${join(work, 'packs')}`);

  for (const tarball of tarballs) {
    check(`${basename(tarball)}: has a README, no workspace: ranges, engines ${supportedNode}`, () => {
      const entries = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n');
      if (!entries.includes('package/README.md')) return 'no README.md in the tarball';
      const manifest = execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' });
      if (manifest.includes('workspace:')) return 'package.json still has workspace: ranges';
      const engines = JSON.parse(manifest).engines?.node;
      return engines === supportedNode ? undefined : `engines.node is ${engines}, not ${supportedNode}`;
    });
  }

  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'pinnstatistik-pack-check', private: true, type: 'module' }, null, 2),
  );
  check(
    'npm installs every tarball together (engine-strict), with typescript, @types/node and vitest',
    () => {
      run(project, 'npm', [
        'install',
        '--no-audit',
        '--no-fund',
        '--engine-strict',
        '--loglevel=error',
        ...tarballs,
        `typescript@${toolVersion('typescript')}`,
        `@types/node@^${semver.major(lowestNode)}`,
        `vitest@${toolVersion('vitest')}`,
      ]);
      return undefined;
    },
  );

  check(`every dependency of the packages runs on Node ${lowestNode} (their engines fields)`, () => {
    const { checked, rejecting } = packagesRejectingNode(project, lowestNode);
    if (checked < published.length) return `only ${checked} packages installed: nothing to check`;
    return rejecting.length === 0 ? undefined : rejecting.join('\n');
  });

  const files = guideFiles();
  for (const [name, text] of files) writeFileSync(join(project, name), text);
  const firstTally = files.get('first-tally.mjs');
  if (firstTally === undefined || !files.has('first-tally.cjs'))
    throw new Error(`${GUIDE} has lost its pack-check blocks first-tally.mjs / first-tally.cjs`);
  // The same ES module, as TypeScript: what the guide says compiles as it is.
  writeFileSync(join(project, 'first-tally.ts'), firstTally);
  const keys = join(work, 'keys');

  for (const script of ['first-tally.mjs', 'first-tally.cjs']) {
    check(`the guide's ${script} runs and prints its receipt`, () => {
      const output = run(project, process.execPath, [script], { PINNSTATISTIK_KEYS: keys });
      return /^receipt \{"commandId":"[^"]+","stream":"tally-2025-03-/.test(output)
        ? undefined
        : `unexpected output: ${output}`;
    });
  }

  const specifiers = published.flatMap(specifiersOf);
  writeFileSync(
    join(project, 'every-entry.mjs'),
    `${specifiers.map((specifier, index) => `import * as m${index} from ${JSON.stringify(specifier)};`).join('\n')}
const empty = [${specifiers.map((_, index) => `m${index}`).join(', ')}].map((m, index) => [index, Object.keys(m).length]).filter(([, n]) => n === 0);
if (empty.length > 0) throw new Error('entry points without exports: ' + JSON.stringify(empty));
console.log('imported ${specifiers.length} entry points');
`,
  );
  writeFileSync(
    join(project, 'every-entry.cjs'),
    `const specifiers = ${JSON.stringify(specifiers)};
for (const specifier of specifiers) {
  if (Object.keys(require(specifier)).length === 0) throw new Error(specifier + ' exports nothing');
}
console.log('required ' + specifiers.length + ' entry points');
`,
  );
  for (const script of ['every-entry.mjs', 'every-entry.cjs']) {
    check(`${script}: all ${specifiers.length} entry points load`, () => {
      run(project, process.execPath, [script]);
      return undefined;
    });
  }

  const imports = specifiers.map(
    (specifier, index) => `import * as m${index} from ${JSON.stringify(specifier)};`,
  );
  const requires = specifiers.map(
    (specifier, index) => `import m${index} = require(${JSON.stringify(specifier)});`,
  );
  const uses = specifiers.map(
    (_, index) => `export const n${index}: number = Object.keys(m${index}).length;`,
  );
  writeFileSync(join(project, 'entries.mts'), [...imports, ...uses].join('\n'));
  writeFileSync(join(project, 'entries.cts'), [...requires, ...uses].join('\n'));
  writeFileSync(join(project, 'entries.ts'), [...imports, ...uses].join('\n'));
  const tsc = join(project, 'node_modules', 'typescript', 'bin', 'tsc');
  const settings = [
    ['NodeNext', 'tsconfig.nodenext.json', ['first-tally.ts', 'entries.mts', 'entries.cts']],
    ['Bundler', 'tsconfig.bundler.json', ['first-tally.ts', 'entries.ts']],
  ] as const;
  for (const [resolution, base, checked] of settings) {
    check(`tsc --noEmit under ${resolution} (the guide's ${base}, skipLibCheck: false)`, () => {
      const config = `tsconfig.check-${resolution.toLowerCase()}.json`;
      writeFileSync(join(project, config), JSON.stringify({ extends: `./${base}`, files: checked }));
      run(project, process.execPath, [tsc, '-p', config]);
      return undefined;
    });
  }

  const bin = join(project, 'node_modules', '.bin', 'pinnstatistik');
  check('the installed pinnstatistik bin: demo --export, then verify the export', () => {
    run(project, bin, ['demo', '--export', 'year.jsonl']);
    const verdict = run(project, bin, ['verify', 'year.jsonl', '--today', '2026-01-15']);
    return verdict.includes('Verdict: CLEAN') ? undefined : verdict;
  });
} catch (error) {
  outcomes.push({ name: 'the pack check itself', problem: String(error) });
  console.log(`FAIL  the pack check itself: ${String(error)}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

const failed = outcomes.filter((outcome) => outcome.problem !== undefined);
console.log(`\ntest:pack: ${outcomes.length - failed.length} passed, ${failed.length} failed`);
// .ci/run adds these to its one-line summary.
mkdirSync(join(repositoryRoot, 'reports'), { recursive: true });
writeFileSync(
  join(repositoryRoot, 'reports', 'test-pack.json'),
  JSON.stringify({ passed: outcomes.length - failed.length, failed: failed.length }),
);
process.exitCode = failed.length === 0 ? 0 : 1;
