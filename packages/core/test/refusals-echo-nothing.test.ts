import { vaggerydCatalogue } from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Attacked, attacked, echoesOf, radOchStodMarks, uuid } from './service-under-attack.js';

/** Personal data as a user might send it, plainly or disguised. */
const PERSONAL_DATA = [
  '811218-9876',
  '198507099383',
  '8112 18-98 76',
  '１９８１１２１８－９８７６',
  '٨٥٠٧٠٩-٩٣٨٣',
  '8507\u200b09-9383',
  '070-123 45 67',
  '46739876543',
  'lisa.berg@exempel.se',
  'lisa.berg(at)exempel.se',
];

type Method =
  | 'tally'
  | 'recordSession'
  | 'writeNote'
  | 'openSeries'
  | 'closeSeries'
  | 'amendSheet'
  | 'adoptCatalogue';
type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Valid inputs of every method: each of their ids, keys and values is attacked in turn. */
const templates = (token: string): readonly { method: Method; input: Json }[] => [
  {
    method: 'tally',
    input: {
      type: 'TallyContact',
      commandId: uuid(),
      correlationId: uuid(),
      interventionId: 'rad-och-stod',
      unitId: 'motesplats',
      date: '2025-03-14',
      marks: radOchStodMarks(),
    },
  },
  {
    method: 'tally',
    input: {
      type: 'TallyGroupMeeting',
      commandId: uuid(),
      interventionId: 'faltare-gruppverksamhet',
      unitId: 'faltare',
      date: '2025-03-14',
      participants: { adults: { female: 2 }, children: { male: 3 } },
    },
  },
  {
    method: 'tally',
    input: {
      type: 'TallyVisitors',
      commandId: uuid(),
      interventionId: 'motesplats-oppen-verksamhet',
      unitId: 'motesplats',
      date: '2025-03-14',
      visitors: { female: 4, male: 2 },
    },
  },
  {
    method: 'tally',
    input: {
      type: 'VoidTally',
      commandId: uuid(),
      interventionId: 'rad-och-stod',
      unitId: 'motesplats',
      period: '2025-03',
      tallyId: uuid(),
      reason: 'duplicate',
    },
  },
  {
    method: 'recordSession',
    input: { type: 'RecordSession', token, commandId: uuid(), date: '2025-03-14', marks: radOchStodMarks() },
  },
  { method: 'writeNote', input: { type: 'WriteNote', token, commandId: uuid(), text: 'Samtal om sömn.' } },
  {
    method: 'openSeries',
    input: { type: 'OpenSeries', commandId: uuid(), interventionId: 'rad-och-stod', unitId: 'motesplats' },
  },
  { method: 'closeSeries', input: { type: 'CloseSeries', commandId: uuid(), token, reason: 'completed' } },
  {
    method: 'amendSheet',
    input: {
      type: 'AmendSheet',
      commandId: uuid(),
      interventionId: 'rad-och-stod',
      unitId: 'motesplats',
      period: '2025-03',
      change: 1,
      tally: { type: 'contact', marks: radOchStodMarks() },
      reason: 'late-tally',
    },
  },
  {
    method: 'adoptCatalogue',
    input: {
      type: 'AdoptCatalogue',
      commandId: uuid(),
      catalogue: JSON.parse(JSON.stringify({ ...vaggerydCatalogue(), version: '9.0' })) as Json,
    },
  },
];

/** The input with one position replaced: a value by `text`, or a key renamed to `text`. */
function* attacks(input: Json, text: string): Generator<{ where: string; input: Json }> {
  yield* attacksOn(input, text);
}

function* attacksOn(input: Json, text: string): Generator<{ where: string; input: Json }> {
  if (Array.isArray(input)) {
    for (const [index, item] of input.entries())
      for (const attack of attacksOn(item, text))
        yield {
          where: `/${index}${attack.where}`,
          input: input.map((other, at) => (at === index ? attack.input : other)),
        };
    return;
  }
  if (typeof input === 'object' && input !== null) {
    yield { where: '/(an extra key)', input: { ...input, [text]: 'x' } };
    for (const [key, value] of Object.entries(input)) {
      const renamed = Object.fromEntries(
        Object.entries(input).map(([other, v]) => [other === key ? text : other, v]),
      );
      yield { where: `/${key} (as the key)`, input: renamed };
      for (const attack of attacksOn(value, text))
        yield { where: `/${key}${attack.where}`, input: { ...input, [key]: attack.input } };
    }
    return;
  }
  yield { where: '', input: text };
  const digits = text.replace(/\D/g, '');
  if (typeof input === 'number' && digits.length >= 10)
    yield { where: ' (as a number)', input: Number(digits) };
}

describe('no refusal repeats what it was sent', () => {
  it('not even ids and keys that are no personal data: unknown ones are refused without their names', async () => {
    const target = await attacked();
    const echoes: string[] = [];
    for (const { method, input } of templates(target.token)) {
      if (method === 'adoptCatalogue') continue;
      for (const text of ['lisa-berg', 'lisaBerg']) {
        for (const attack of attacksOn(input, text)) {
          const result = await (
            target.service[method] as (input: unknown) => Promise<E.Either<unknown, unknown>>
          )(attack.input);
          if (E.isLeft(result) && JSON.stringify(result.left).includes(text))
            echoes.push(`${method}${attack.where}: ${(result.left as { code: string }).code}`);
        }
      }
    }
    expect(echoes).toEqual([]);
  });

  let target: Attacked;
  beforeAll(async () => {
    target = await attacked();
  });

  it.each(PERSONAL_DATA)(
    '%j in every id, key and value position of every method is refused without an echo',
    async (text) => {
      const echoes: string[] = [];
      let positions = 0;
      for (const { method, input } of templates(target.token)) {
        // The catalogue is long: attack its first intervention and the fields around it, not every code.
        const attackable =
          method === 'adoptCatalogue'
            ? {
                ...(input as { [key: string]: Json }),
                catalogue: trimCatalogue((input as { catalogue: Json }).catalogue),
              }
            : input;
        for (const attack of attacks(attackable, text)) {
          const sent = JSON.parse(JSON.stringify(attack.input)) as Json;
          if (method === 'adoptCatalogue' && attack.where.startsWith('/catalogue')) restoreCatalogue(sent);
          positions += 1;
          const before = await target.count();
          const result = await (
            target.service[method] as (input: unknown) => Promise<E.Either<unknown, unknown>>
          )(sent);
          if (E.isRight(result)) echoes.push(`${method}${attack.where}: accepted`);
          else {
            const repeated = echoesOf(text, JSON.stringify(result.left));
            if (repeated.length > 0)
              echoes.push(
                `${method}${attack.where}: ${(result.left as { code: string }).code} repeats ${repeated.join(', ')}`,
              );
          }
          if ((await target.count()) !== before && E.isLeft(result))
            echoes.push(`${method}${attack.where}: a refusal wrote`);
        }
      }
      expect(positions).toBeGreaterThan(150);
      expect(echoes).toEqual([]);
    },
  );
});

const fullCatalogue = vaggerydCatalogue();

/** The catalogue with only its first intervention, unit, dimension and code list (the rest is put back before sending). */
function trimCatalogue(catalogue: Json): Json {
  const whole = catalogue as { [key: string]: Json };
  const first = (list: Json | undefined): Json[] => (Array.isArray(list) ? list.slice(0, 1) : []);
  const codeLists = whole.codeLists as { [key: string]: Json };
  return {
    ...whole,
    interventions: first(whole.interventions),
    units: first(whole.units),
    dimensions: first(whole.dimensions),
    codeLists: { gender: codeLists.gender ?? null },
  };
}

function restoreCatalogue(command: Json): void {
  const catalogue = (command as { catalogue?: Json }).catalogue as { [key: string]: Json } | undefined;
  if (typeof catalogue !== 'object' || catalogue === null || Array.isArray(catalogue)) return;
  const whole = JSON.parse(JSON.stringify(fullCatalogue)) as {
    [key: string]: Json[] | { [key: string]: Json };
  };
  for (const list of ['interventions', 'units', 'dimensions'] as const) {
    const attackedList = catalogue[list];
    const original = whole[list] as Json[];
    if (Array.isArray(attackedList)) catalogue[list] = [...attackedList, ...original.slice(1)];
  }
  const lists = catalogue.codeLists;
  if (typeof lists === 'object' && lists !== null && !Array.isArray(lists)) {
    const originalLists = whole.codeLists as { [key: string]: Json };
    for (const [name, list] of Object.entries(originalLists)) if (name !== 'gender') lists[name] = list;
  }
}
