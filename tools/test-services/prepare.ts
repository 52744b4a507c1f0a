// Run by `pnpm test` before vitest: starts or installs the services the server-backed suites
// need, where this machine allows it (root: pg_ctlcluster, apt-get). What stays missing is
// skipped by vitest.config.ts with one line each — or, with PINNSTATISTIK_REQUIRE_SERVICES=1
// (CI), fails the run here.
import { missingServices, requiredLine, skipLine } from './services.js';
import { servicesRequired } from './test-service.js';

const log = (line: string): void => console.log(`[test services] ${line}`);
for (const { service } of await missingServices()) {
  if (await service.provide(log)) {
    const reason = await service.probe();
    log(reason === undefined ? `${service.name} is ready` : `${service.name}: still ${reason}`);
  }
}
const missing = await missingServices();
const required = servicesRequired();
for (const entry of missing) console.log(required ? requiredLine(entry) : skipLine(entry));
if (required && missing.length > 0) process.exitCode = 1;
