import { existsSync } from 'node:fs';
import { onPath, runCommand } from './system-commands.js';
import { isRoot, type TestService } from './test-service.js';

/** Where the HTML report's browser test looks for Chromium (Debian's package puts it there). */
export const CHROMIUM = '/usr/bin/chromium';

const APT = { DEBIAN_FRONTEND: 'noninteractive' };
// Other processes may hold the dpkg lock for a while (unattended upgrades): wait, do not fail.
const LOCK = ['-o', 'DPkg::Lock::Timeout=300'];

/** Debian's chromium at /usr/bin/chromium: the HTML report's test in a real headless browser. */
export const chromiumService: TestService = {
  name: 'Chromium',
  suites: ['packages/cli/test/html-report.int.test.ts'],
  async probe() {
    return existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is missing`;
  },
  howTo() {
    return `install Debian's chromium (sudo apt-get install -y chromium) so that ${CHROMIUM} exists`;
  },
  async provide(log) {
    if (!onPath('apt-get') || !isRoot()) return false;
    log(`installing chromium with apt-get (once per machine; the HTML report's browser test needs it)…`);
    const install = (report: (line: string) => void): boolean =>
      runCommand('apt-get', [...LOCK, 'install', '-y', '-qq', 'chromium'], report, APT);
    // A fresh machine may have no package lists yet: fetch them once and try again.
    if (!install(() => undefined)) {
      runCommand('apt-get', [...LOCK, 'update', '-qq'], log, APT);
      install(log);
    }
    return true;
  },
};
