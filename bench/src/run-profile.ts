import { readdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { libraryBuild, staleBuild } from './library-build.js';

/**
 * Runs one `profile-*.ts` script against the built packages, as `pnpm bench` does:
 * `pnpm profile profile-tallies 50000 sodium`; with a CPU profile of the whole run (100 µs
 * between samples): `pnpm profile --cpu-prof out.cpuprofile profile-tallies 50000 sodium`.
 * Refuses an unbuilt or stale build.
 */
async function main(): Promise<void> {
  let args = process.argv.slice(2);
  const profileTo = args[0] === '--cpu-prof' ? args[1] : undefined;
  if (profileTo !== undefined) args = args.slice(2);
  const [name, ...rest] = args;
  const here = fileURLToPath(new URL('.', import.meta.url));
  const scripts = readdirSync(here)
    .filter((file) => /^profile-[\w-]+\.ts$/.test(file))
    .map((file) => file.slice(0, -'.ts'.length));
  const script = name?.replace(/\.ts$/, '');
  if (script === undefined || !scripts.includes(script)) {
    console.error(`usage: pnpm profile <script> [arguments]; scripts: ${scripts.join(', ')}`);
    process.exit(2);
  }
  const stale = libraryBuild() === 'dist' ? staleBuild() : undefined;
  if (stale !== undefined) {
    console.error(stale);
    process.exit(1);
  }
  console.error(
    `${script}: the library from its ${libraryBuild() === 'dist' ? 'built packages' : 'sources'}`,
  );
  if (profileTo !== undefined) await profileUntilExit(profileTo);
  // The script reads its arguments from argv[2] on, as when it is run alone.
  process.argv = [process.argv[0] as string, `${here}${script}.ts`, ...rest];
  await import(pathToFileURL(`${here}${script}.ts`).href);
}

/** Starts V8's CPU profiler, and writes its profile once the script has nothing left to do. */
async function profileUntilExit(file: string): Promise<void> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  let written = false;
  process.on('beforeExit', () => {
    if (written) return;
    written = true;
    void session.post('Profiler.stop').then(({ profile }) => {
      writeFileSync(file, JSON.stringify(profile));
      console.error(`CPU profile written to ${file}`);
      session.disconnect();
    });
  });
}

void main();
