import {
  type CommandService,
  createCommandService,
  type EventStore,
  fixedClock,
  type Refusal,
  vaggerydCatalogue,
} from '@pinnstatistik/core';
import { collect } from '@pinnstatistik/core/testing';
import { createMemoryEventStore, createMemoryKeyStore } from '@pinnstatistik/store-memory';
import * as E from 'fp-ts/lib/Either.js';

/** A service on the memory store with the Vaggeryd catalogue adopted and one open series. */
export interface Attacked {
  readonly service: CommandService;
  readonly store: EventStore;
  /** A token of an open `rad-och-stod` series (it allows working notes). */
  readonly token: string;
  /** How many events the store holds. */
  count(): Promise<number>;
  /** Every stored event, as JSON. */
  dump(): Promise<string>;
}

let sequence = 0;
/** A fresh command id. */
export const uuid = (): string => {
  sequence += 1;
  return `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`;
};

/** Sets up a service to attack. */
export async function attacked(): Promise<Attacked> {
  const store = createMemoryEventStore();
  const service = createCommandService({
    store,
    keys: createMemoryKeyStore(),
    catalogueId: 'vaggeryd',
    clock: fixedClock('2025-12-31T12:00:00Z'),
  });
  const adopted = await service.adoptCatalogue({
    type: 'AdoptCatalogue',
    commandId: uuid(),
    catalogue: vaggerydCatalogue(),
  });
  if (E.isLeft(adopted)) throw new Error(adopted.left.message.en);
  const opened = await service.openSeries({
    type: 'OpenSeries',
    commandId: uuid(),
    interventionId: 'rad-och-stod',
    unitId: 'motesplats',
  });
  if (E.isLeft(opened)) throw new Error(opened.left.message.en);
  return {
    service,
    store,
    token: opened.right.token,
    count: async () => (await collect(store.readAll())).length,
    dump: async () => JSON.stringify(await collect(store.readAll())),
  };
}

/**
 * A working note written on the open series: the answer's code (`WRITTEN` when it was), how many
 * events the store gained, and the last note read back (what anyone holding the token reads).
 */
export async function noteAttempt(
  target: Attacked,
  text: string,
): Promise<{ code: string; stored: number; readBack: string | undefined }> {
  const before = await target.count();
  const result = await target.service.writeNote({
    type: 'WriteNote',
    token: target.token,
    commandId: uuid(),
    text,
  });
  const stored = (await target.count()) - before;
  const notes = await target.service.readNotes({ token: target.token });
  return {
    code: E.isLeft(result) ? result.left.code : 'WRITTEN',
    stored,
    readBack: E.isRight(notes) ? notes.right.at(-1)?.text : undefined,
  };
}

/**
 * A municipality adopting its first catalogue, one intervention named `name` (in Swedish): the
 * answer's code (`ADOPTED` when it was adopted) and every stored byte as text — the catalogue
 * stream is stored in clear, so what is refused must be in none of them.
 */
export async function adoptionNaming(name: string): Promise<{ code: string; storedText: string }> {
  const store = createMemoryEventStore();
  const service = createCommandService({
    store,
    keys: createMemoryKeyStore(),
    catalogueId: 'vaggeryd',
    clock: fixedClock('2025-12-31T12:00:00Z'),
  });
  const catalogue = vaggerydCatalogue();
  const [first, ...rest] = catalogue.interventions;
  if (first === undefined) throw new Error('no interventions');
  const result = await service.adoptCatalogue({
    type: 'AdoptCatalogue',
    commandId: uuid(),
    catalogue: {
      ...catalogue,
      interventions: [{ ...first, name: { sv: name, en: 'Counselling' } }, ...rest],
    },
  });
  let storedText = '';
  for await (const event of store.readAll())
    storedText += `${Buffer.from(event.data).toString('utf8')}\n${Buffer.from(event.data).toString('latin1')}\n`;
  return { code: E.isLeft(result) ? result.left.code : 'ADOPTED', storedText };
}

/** The marks of a valid `rad-och-stod` contact. */
export const radOchStodMarks = (): Record<string, string | number | number[]> => ({
  gender: 'female',
  childAges: [9, 4],
  numberOfChildren: 2,
  problemArea: 'parenting',
  routeIn: 'school',
  furtherAction: 'none',
});

/** One way into the service, carrying an attacker's text in a field that takes free text or a code. */
export interface EntryPoint {
  readonly name: string;
  send(target: Attacked, text: string): Promise<E.Either<Refusal, unknown>>;
}

/**
 * Every entry point of today's `CommandService` that takes input, with the text put where a
 * user would put it. When the service's methods become typed, only `send` changes.
 */
export const ENTRY_POINTS: readonly EntryPoint[] = [
  {
    name: 'tally (a mark)',
    send: ({ service }, text) =>
      service.tally({
        type: 'TallyContact',
        commandId: uuid(),
        interventionId: 'rad-och-stod',
        unitId: 'motesplats',
        date: '2025-03-14',
        marks: { ...radOchStodMarks(), problemArea: text },
      }),
  },
  {
    name: 'recordSession (a mark)',
    send: ({ service, token }, text) =>
      service.recordSession({
        type: 'RecordSession',
        token,
        commandId: uuid(),
        date: '2025-03-14',
        marks: { ...radOchStodMarks(), routeIn: text },
      }),
  },
  {
    name: 'writeNote (the text)',
    send: ({ service, token }, text) =>
      service.writeNote({
        type: 'WriteNote',
        token,
        commandId: uuid(),
        text: `Samtal om sömn. ${text} Ses v. 14.`,
      }),
  },
  {
    name: 'openSeries (the intervention)',
    send: ({ service }, text) =>
      service.openSeries({
        type: 'OpenSeries',
        commandId: uuid(),
        interventionId: text,
        unitId: 'motesplats',
      }),
  },
  {
    name: 'closeSeries (the reason)',
    send: ({ service, token }, text) =>
      // Untrusted: the reason is not one of the allowed words (the service checks it at run time).
      service.closeSeries({ type: 'CloseSeries', commandId: uuid(), token, reason: text as 'completed' }),
  },
  {
    name: 'amendSheet (a mark)',
    send: ({ service }, text) =>
      service.amendSheet({
        type: 'AmendSheet',
        commandId: uuid(),
        interventionId: 'rad-och-stod',
        unitId: 'motesplats',
        period: '2025-03',
        change: 1,
        tally: { type: 'contact', marks: { ...radOchStodMarks(), furtherAction: text } },
        reason: 'late-tally',
      }),
  },
  {
    name: "adoptCatalogue (an intervention's name)",
    send: ({ service }, text) => {
      const catalogue = vaggerydCatalogue();
      const [first, ...rest] = catalogue.interventions;
      if (first === undefined) throw new Error('the catalogue has no interventions');
      return service.adoptCatalogue({
        type: 'AdoptCatalogue',
        commandId: uuid(),
        catalogue: {
          ...catalogue,
          version: '9.0',
          interventions: [{ ...first, name: { sv: `Rådgivning ${text}`, en: 'Counselling' } }, ...rest],
        },
      });
    },
  },
];

/** The digits of a text (any script's decimal digits, as ASCII), and every run of four of them. */
export function fourDigitRuns(text: string): string[] {
  const digits = [...text.normalize('NFKC')]
    .map((character) => {
      if (!/\p{Nd}/u.test(character)) return '';
      const code = character.codePointAt(0) ?? 0;
      let zero = code;
      while (/\p{Nd}/u.test(String.fromCodePoint(zero - 1)) && code - zero < 9) zero -= 1;
      return String((code - zero) % 10);
    })
    .join('');
  const runs: string[] = [];
  for (let start = 0; start + 4 <= digits.length; start += 1) runs.push(digits.slice(start, start + 4));
  return runs;
}

/** What of `sent` a text repeats: the whole string, or a run of four of its digits. */
export function echoesOf(sent: string, text: string): string[] {
  const found: string[] = [];
  if (text.includes(sent)) found.push(sent);
  for (const run of fourDigitRuns(sent)) if (text.includes(run)) found.push(run);
  return found;
}
