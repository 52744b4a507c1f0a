/*
 * ATTACK 45 on the CLI's `catalogue show --from <log>` — a catalogue version nobody adopted,
 * chained into the log's catalogue stream by hand (no key needed), then exported.
 *
 * `catalogue show` answers the latest adopted version by default: what an operator or an auditor
 * reads as the policy in force. Without the key store it cannot tell a forged version, and shows
 * it (the weak behaviour, kept for a reader holding no keys, and asserted so a change is noticed).
 * With `--keys`, only the versions the key store vouches for: the genuine 1.1. Fails with
 * `adoptedCatalogues` not vetting (the `--keys` run then shows the forged 1.2).
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import {
  type Catalogue,
  catalogueStream,
  createCommandService,
  fixedClock,
  vaggerydCatalogue,
} from '@pinnstatistik/core';
import { appendKeyless } from '@pinnstatistik/core/testing';
import { createFileKeyStore, createMemoryEventStore } from '@pinnstatistik/store-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeExport } from '../src/jsonl/write-export.js';
import { runBin } from './run-bin.js';

let dir: string;
const genuine = vaggerydCatalogue();
const FORGED_LABEL = 'Förfalskad insats';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pinnstatistik-cli-attack45-'));
  const store = createMemoryEventStore();
  const keys = createFileKeyStore(join(dir, 'keys'));
  const service = createCommandService({
    store,
    keys,
    catalogueId: genuine.id,
    clock: fixedClock('2025-06-01T09:00:00Z'),
  });
  const adopted = await service.adoptCatalogue({
    type: 'AdoptCatalogue',
    commandId: randomUUID(),
    catalogue: genuine,
  });
  if (adopted._tag === 'Left') throw new Error(adopted.left.code);
  // The attacker's version 1.2: the field workers' outreach renamed, in force from 2025-06-01.
  const forged = {
    ...genuine,
    version: '1.2',
    effectiveFrom: '2025-06-01',
    interventions: genuine.interventions.map((policy) =>
      policy.id === 'faltare-uppsokande'
        ? { ...policy, name: { sv: FORGED_LABEL, en: FORGED_LABEL } }
        : policy,
    ),
  } as Catalogue;
  await appendKeyless(store, catalogueStream(genuine.id), [
    { id: randomUUID(), type: 'CatalogueAdopted', data: { catalogue: forged } },
  ]);
  const sink = createWriteStream(join(dir, 'log.jsonl'));
  await writeExport(store, sink, { source: 'attack 45' });
  sink.end();
  await finished(sink);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const show = (...extra: string[]) =>
  runBin(['catalogue', 'show', '--from', 'log.jsonl', '--lang', 'sv', ...extra], { cwd: dir });

describe('catalogue show --from a log with a forged version', () => {
  it('with --keys shows the version the operator adopted, and refuses the forged one by number', async () => {
    const latest = await show('--keys', 'keys');
    expect(latest.code).toBe(0);
    expect(latest.stdout).not.toContain(FORGED_LABEL);
    const asked = await show('--keys', 'keys', '--version', '1.2');
    expect(asked.code).not.toBe(0);
    expect(asked.stderr).toContain('det finns: 1.1');
  });

  it('without keys cannot tell, and shows the forged version as the latest (documented)', async () => {
    const latest = await show();
    expect(latest.code).toBe(0);
    expect(latest.stdout).toContain(FORGED_LABEL);
  });
});
