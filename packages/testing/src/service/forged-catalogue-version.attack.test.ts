/*
 * ATTACK 44 round 2 on the WRITE path — a catalogue version nobody adopted, chained by hand into
 * the store's catalogue stream.
 *
 * Attacker: can append to the event store (a hash chain needs no key); does NOT hold the key store.
 * Harm sought: the command service recording what the adopted policy forbids. Here a forged version
 * 1.2, effective the same day as the genuine 1.1 (so, adopted later, it is the one in force), turns
 * the field workers' outreach (`faltare-uppsokande`, exempt: nothing may be recorded) into an
 * aggregate intervention with the counselling talks' tally.
 *
 * Before the fix the service took the forged version: the outreach tally was ACCEPTED and written
 * (shown by the legacy case below, which is the same code path with the key store's vouching
 * switched off). Now the adopting service registers each version's chain hash in the key store and
 * the service folds only those (`vettedCatalogues`), so the tally is refused as exempt.
 * Shown to fail against (tried, restored): the keeper's `history` returning the unvetted stream
 * state — test 1 fails (the tally is accepted); the version's hash taken from its stored header
 * instead of worked out from its bytes (`checkLink` dropped in the vetting) — test 2 fails.
 */
import {
  type Catalogue,
  type CommandService,
  catalogueStream,
  createCommandService,
  type EventStore,
  fixedClock,
  type JsonValue,
  type KeyStore,
  openEvent,
  registerCatalogueVersions,
  registerStoreOrigin,
  sealEvent,
  seededRandom,
  vaggerydCatalogue,
  vettedCatalogues,
} from '@pinnstatistik/core';
import { appendKeyless } from '@pinnstatistik/core/testing';
import { auditLog, releaseOrigin } from '@pinnstatistik/projections';
import { createMemoryEventStore, createMemoryKeyStore } from '@pinnstatistik/store-memory';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { testCommandId } from './test-command-id.js';

const genuine = vaggerydCatalogue();
const OUTREACH = 'faltare-uppsokande';

/** Version 1.2, same effective day: the outreach made an aggregate intervention with the talks' tally. */
function forgedVersion(): Catalogue {
  const talks = genuine.interventions.find((policy) => policy.id === 'faltare-allvarssamtal');
  if (talks === undefined) throw new Error('no talks policy');
  return {
    ...genuine,
    version: '1.2',
    interventions: genuine.interventions.map((policy) =>
      policy.id === OUTREACH ? { ...policy, documentation: talks.documentation, tally: talks.tally } : policy,
    ),
  } as Catalogue;
}

/** The attacker's plain `CatalogueAdopted`, chained after the stream's last event (no key needed). */
const append = (store: EventStore, catalogue: Catalogue, label: string) =>
  appendKeyless(store, catalogueStream(genuine.id), [
    { id: testCommandId(`${label} event`), type: 'CatalogueAdopted', data: { catalogue } },
  ]);

/** The same, with a header claiming another event's hash over these bytes (test 2). */
async function appendClaiming(store: EventStore, catalogue: Catalogue, label: string, claimed: Uint8Array) {
  const stream = catalogueStream(genuine.id);
  let last: ReturnType<typeof openEvent> | undefined;
  for await (const event of store.readStream(stream)) last = openEvent(event);
  if (last === undefined) throw new Error('no catalogue stream');
  const { event } = sealEvent(stream, last.revision + 1, last.hash, {
    id: testCommandId(`${label} event`),
    type: 'CatalogueAdopted',
    data: { catalogue } as unknown as JsonValue,
    meta: { commandId: testCommandId(label) },
  });
  event.metadata.set(claimed, event.metadata.length - 32);
  const appended = await store.append(stream, [event], { expected: last.revision });
  if (E.isLeft(appended)) throw new Error(appended.left.code);
}

const serviceOn = (store: EventStore, keys: KeyStore): CommandService =>
  createCommandService({
    store,
    keys,
    catalogueId: genuine.id,
    clock: fixedClock('2025-06-20T09:00:00Z'),
    random: seededRandom(1),
  });

const outreachTally = (label: string) => ({
  type: 'TallyContact' as const,
  commandId: testCommandId(label),
  interventionId: OUTREACH,
  unitId: 'faltare',
  date: '2025-06-10',
  marks: { gender: 'male', individualAge: 15, problemArea: 'family-conflict', routeIn: 'school' },
});

async function adoptedByTheOperator() {
  const store = createMemoryEventStore();
  const keys = createMemoryKeyStore(seededRandom(3));
  const adopted = await serviceOn(store, keys).adoptCatalogue({
    type: 'AdoptCatalogue',
    commandId: testCommandId('adopt'),
    catalogue: genuine,
  });
  if (E.isLeft(adopted)) throw new Error(adopted.left.code);
  return { store, keys };
}

const outcome = async (service: CommandService, label: string) => {
  const result = await service.tally(outreachTally(label));
  return E.isLeft(result) ? result.left.code : 'RECORDED';
};

describe('a catalogue version nobody adopted, on the write path', () => {
  it('1: a forged version chained after the adopted one is not taken: the exempt outreach is still refused', async () => {
    const { store, keys } = await adoptedByTheOperator();
    expect(await outcome(serviceOn(store, keys), 'before')).toBe('DOCUMENTATION_EXEMPT');
    await append(store, forgedVersion(), 'forged');
    const service = serviceOn(store, keys);
    expect(await outcome(service, 'after')).toBe('DOCUMENTATION_EXEMPT');
    expect((await service.catalogueInForceOn('2025-06-10'))?.version).toBe('1.1');
  });

  it('2: a forged version whose header claims the adopted version’s hash is not taken either', async () => {
    const { store, keys } = await adoptedByTheOperator();
    let adoptedHash: Uint8Array | undefined;
    for await (const event of store.readStream(catalogueStream(genuine.id)))
      adoptedHash = openEvent(event).hash;
    if (adoptedHash === undefined) throw new Error('no adopted version');
    await appendClaiming(store, forgedVersion(), 'claimed', adoptedHash);
    // The service's own chain check stops at such a stream (it throws: an integrity fault); the
    // versions the key store vouches for must not include it either way.
    const versions = await vettedCatalogues(store, keys, genuine.id);
    expect(versions.map((catalogue) => catalogue.version)).toEqual(['1.1']);
  });

  it('3: the operator’s own later version, adopted after a forged one, is taken', async () => {
    const { store, keys } = await adoptedByTheOperator();
    await append(store, forgedVersion(), 'forged');
    const service = serviceOn(store, keys);
    const later = { ...forgedVersion(), version: '1.3', effectiveFrom: '2025-06-01' };
    const adopted = await service.adoptCatalogue({
      type: 'AdoptCatalogue',
      commandId: testCommandId('adopt 1.3'),
      catalogue: later,
    });
    expect(E.isRight(adopted)).toBe(true);
    expect((await service.catalogueInForceOn('2025-06-10'))?.version).toBe('1.3');
    expect(await outcome(service, 'under 1.3')).toBe('RECORDED');
  });

  it('4: a store adopted before versions were registered takes every version until the operator registers them; one whose origin the key store does not know, none', async () => {
    const store = createMemoryEventStore();
    const keys = createMemoryKeyStore(seededRandom(4));
    await append(store, genuine, 'legacy adoption'); // an earlier release: no version registered…
    // …but the store's origin is (the service registered it at adoption since attack 42).
    const origin = await releaseOrigin(store, genuine.id);
    if (origin === null) throw new Error('no origin');
    await registerStoreOrigin(keys, origin);
    await append(store, forgedVersion(), 'forged before registration');
    expect(await outcome(serviceOn(store, keys), 'legacy')).toBe('RECORDED'); // the weak behaviour, kept for legacy stores
    // The same store under a key store that does not know its origin: nothing is in force.
    expect(await outcome(serviceOn(store, createMemoryKeyStore(seededRandom(5))), 'unknown')).toBe(
      'NO_CATALOGUE_IN_FORCE',
    );
    const registered = await registerCatalogueVersions(store, keys, genuine.id);
    expect(E.isRight(registered) && registered.right.versions).toBe(2);
    await append(
      store,
      { ...forgedVersion(), version: '1.4', interventions: genuine.interventions },
      'restored',
    );
    await append(store, forgedVersion(), 'forged after registration');
    // What was registered stays taken (the operator vouched for it); what came after is not.
    expect((await serviceOn(store, keys).catalogueInForceOn('2025-06-10'))?.version).toBe('1.2');
  });

  it('5: the compliance audit with the keys names the forged version and judges nothing against it', async () => {
    const { store, keys } = await adoptedByTheOperator();
    await append(store, forgedVersion(), 'forged');
    // The outreach tally another system might write under the forged policy: the audit must still
    // judge it against the adopted one (exempt: nothing may be recorded).
    const service = serviceOn(store, keys);
    expect(await outcome(service, 'refused')).toBe('DOCUMENTATION_EXEMPT');
    const report = await auditLog(store, { keys, today: '2025-06-20' });
    const codes = report.findings.map((finding) => finding.code);
    expect(codes).toEqual(['CATALOGUE_VERSION_UNREGISTERED']);
    expect(report.findings[0]?.revision).toBe(1);
    // Without the keys the audit cannot tell (documented): it takes the version.
    const keyless = await auditLog(store, { today: '2025-06-20' });
    expect(keyless.findings.map((finding) => finding.code)).not.toContain('CATALOGUE_VERSION_UNREGISTERED');
  });
});
