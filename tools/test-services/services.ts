import { chromiumService } from './chromium-service.js';
import { postgresService } from './postgres-service.js';
import { REQUIRE_SERVICES, type TestService } from './test-service.js';

/** Every service some test suites need beyond Node itself. */
export const testServices: readonly TestService[] = [postgresService, chromiumService];

/** A service that is not there, and why. */
export interface MissingService {
  readonly service: TestService;
  readonly reason: string;
}

/** Probes every service (no side effects): those that are not there, with the reason. */
export async function missingServices(): Promise<MissingService[]> {
  const probed = await Promise.all(
    testServices.map(async (service) => ({ service, reason: await service.probe() })),
  );
  return probed.filter((entry): entry is MissingService => entry.reason !== undefined);
}

/** The one line that says a service is missing, which suites that skips, and how to provide it. */
export function skipLine({ service, reason }: MissingService): string {
  return `[test services] ${service.name}: ${reason} — SKIPPING ${service.suites.join(', ')}. To run them, ${service.howTo()}.`;
}

/** The line that fails a run where services are required (CI). */
export function requiredLine({ service, reason }: MissingService): string {
  return `[test services] ${service.name}: ${reason}, and ${REQUIRE_SERVICES} is set: its suites (${service.suites.join(', ')}) must run. To provide it, ${service.howTo()}.`;
}
