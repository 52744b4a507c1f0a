import { AssertionError } from 'node:assert';
import { type Catalogue, type RecordedEvent, vaggerydCatalogue } from '@pinnstatistik/core';
import { collect } from '@pinnstatistik/core/testing';
import { createMemoryKeyStore } from '@pinnstatistik/store-memory';
import { beforeAll, describe, expect, it } from 'vitest';
import { type SealedYear, sealedYear } from '../fixtures/sealed-year.js';
import { givenService } from '../service/given-service.js';
import { testCommandId } from '../service/test-command-id.js';
import { assertCompliant } from './assert-compliant.js';
import { findings } from './findings.js';

const catalogue = vaggerydCatalogue();
const tallied = (interventionId: string, unitId: string, marks: Record<string, string>, label: string) => ({
  type: 'ContactTallied',
  data: {
    tallyId: testCommandId(label),
    interventionId,
    unitId,
    period: '2025-03',
    catalogueVersion: catalogue.version,
    marks,
  },
});
const outreach = tallied('motesplats-uppsokande', 'motesplats', { gender: 'female' }, 'ok');

let year: SealedYear;
let recorded: RecordedEvent[];
beforeAll(async () => {
  year = await sealedYear();
  recorded = await collect(year.store.readAll());
});

describe('assertCompliant passes', () => {
  it('on a system written through the library and sealed on time', async () => {
    await assertCompliant(year, catalogue);
    await assertCompliant(year);
  });

  it('on the same log as a list of recorded events, and on bare domain events', async () => {
    expect(await findings(recorded, catalogue, { keys: year.keys, today: year.today })).toEqual([]);
    await assertCompliant([outreach], catalogue);
  });

  it('without a today, leaving out the check of periods past their grace', async () => {
    await assertCompliant(year.store, catalogue);
  });
});

describe('assertCompliant fails with every finding in plain words', () => {
  it('for tallies another system wrote for an exempt intervention, or with a dimension the policy does not tally', async () => {
    const events = [
      outreach,
      tallied('faltare-uppsokande', 'faltare', {}, 'exempt'),
      tallied('motesplats-uppsokande', 'motesplats', { gender: 'male', routeIn: 'school' }, 'extra'),
    ];
    const failure = assertCompliant(events, catalogue);
    await expect(failure).rejects.toBeInstanceOf(AssertionError);
    await expect(failure).rejects.toThrow(
      [
        'expected the log to comply with catalogue vaggeryd 1.1, but the audit found 2 problems:',
        '1. KIND_FORBIDS_RECORDING: Outreach may not be recorded here (exempt).',
        '   where: stream tally-2025-03-given-faltare-uppsokande.faltare, revision 0, position 1',
        '   rule: catalogue vaggeryd 1.1, intervention faltare-uppsokande, clause interventions/faltare-uppsokande/documentation',
        '2. DIMENSION_NOT_ALLOWED: routeIn is not allowed for Outreach.',
        '   where: stream tally-2025-03-given-motesplats-uppsokande.motesplats, revision 1, position 2',
        '   rule: catalogue vaggeryd 1.1, intervention motesplats-uppsokande, clause interventions/motesplats-uppsokande/tally/contact/dimensions',
      ].join('\n'),
    );
  });

  it('in Swedish when asked', async () => {
    await expect(
      assertCompliant([tallied('faltare-uppsokande', 'faltare', {}, 'exempt')], catalogue, {
        language: 'sv',
      }),
    ).rejects.toThrow(
      /1\. KIND_FORBIDS_RECORDING: Uppsökande verksamhet får inte registreras här \(dokumentationsnivå: Dokumentation undantas\)\./,
    );
  });

  it('for an event altered after it was written, at its original position and revision', async () => {
    const target = recorded.find((event) => event.type === 'SheetsSealed') as RecordedEvent;
    const edit = (text: string) =>
      text.replace(/"contacts":(\d+)/, (_, n: string) => `"contacts":${Number(n) + 1000}`);
    const altered = recorded.map((event) =>
      event === target
        ? {
            ...event,
            data: new Uint8Array(Buffer.from(edit(Buffer.from(event.data).toString('utf8')), 'utf8')),
          }
        : event,
    );
    await expect(assertCompliant(altered, catalogue, { keys: year.keys })).rejects.toThrow(
      `1. CHAIN_HASH_MISMATCH: The hash chain is broken: the stored hash does not follow from the event before it and this event (altered, removed or reordered).\n   where: stream ${target.stream}, revision ${target.revision}, position ${target.position}\n   rule: clause envelope/hash-chain`,
    );
  });

  it("for an altered adoption in the log's own catalogue stream, though the given catalogue replaces it", async () => {
    const altered = recorded.map((event) =>
      event.type === 'CatalogueAdopted'
        ? {
            ...event,
            data: new Uint8Array(
              Buffer.from(
                Buffer.from(event.data).toString('utf8').replace('"version":"1.1"', '"version":"0.9"'),
                'utf8',
              ),
            ),
          }
        : event,
    );
    expect((await findings(altered, catalogue, { keys: year.keys })).map((finding) => finding.code)).toEqual([
      'CHAIN_HASH_MISMATCH',
    ]);
  });

  it('for a period left unsealed past its grace', async () => {
    await expect(assertCompliant(year, catalogue, { today: '2026-02-01' })).rejects.toThrow(
      /1\. PERIOD_UNSEALED_PAST_GRACE: The period 2025-12 should have been sealed by 2026-01-16\.\n {3}where: stream period-2025-12\n {3}rule: clause sealing\/gracePeriod/,
    );
  });

  it('for a sealed period whose key was never destroyed', async () => {
    const keys = createMemoryKeyStore();
    const scenario = givenService({
      catalogue,
      today: '2025-06-20',
      keys: {
        create: (keyId) => keys.create(keyId),
        get: (keyId) => keys.get(keyId),
        destroy: async () => ({ outcome: 'verified' }), // says so, keeps the key
      },
    });
    await scenario.step(contactCommand('a'));
    await scenario.step({ type: 'SealPeriod', commandId: testCommandId('seal'), period: '2025-05' });
    await expect(assertCompliant(scenario, catalogue)).rejects.toThrow(
      /DETAIL_DECRYPTABLE_AFTER_SEAL: The period 2025-05 is sealed but its key still exists/,
    );
  });

  it('against a stricter catalogue than the log was written under', async () => {
    const stricter: Catalogue = {
      ...catalogue,
      interventions: catalogue.interventions.map((policy) =>
        policy.id === 'motesplats-uppsokande'
          ? ({ ...policy, tally: { contact: { ...policy.tally.contact, dimensions: [] } } } as typeof policy)
          : policy,
      ),
    };
    const found = await findings(year, stricter);
    expect(found.length).toBeGreaterThan(0);
    expect(new Set(found.map((finding) => `${finding.code} ${finding.rule.interventionId}`))).toEqual(
      new Set(['DIMENSION_NOT_ALLOWED motesplats-uppsokande']),
    );
  });
});

function contactCommand(label: string) {
  return {
    type: 'TallyContact' as const,
    commandId: testCommandId(label),
    interventionId: 'motesplats-uppsokande',
    unitId: 'motesplats',
    date: '2025-05-10',
    marks: { gender: 'female' },
  };
}
