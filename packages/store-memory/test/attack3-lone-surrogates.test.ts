import { type CommandService, issueInSwedish, vaggerydCatalogue } from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { serviceWithSeries } from './series-fixture.js';

// 7bbc40f: a lone UTF-16 surrogate is refused at the door ('half-a-character'), in values and
// in keys. Every command of the service is sent one, in a value and under a made-up key that
// is itself personal data: each must be answered INVALID_INPUT (never thrown), and the refusal
// must repeat neither the text nor the key.

const uuid = (n: number): string => `a3de0000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const LONE = 'Anna\ud800';
const NAME_KEY = 'Anna Andersson\udc00';

const seriesService = () => serviceWithSeries(uuid);

type Send = (service: CommandService, token: string, value: unknown) => Promise<E.Either<unknown, unknown>>;

// Each command with `value` in one free-text or coded position (nested where there is nesting).
const commands: Record<string, Send> = {
  TallyContact: (s, _t, v) =>
    s.tally({
      type: 'TallyContact',
      commandId: uuid(10),
      interventionId: 'motesplats-uppsokande',
      unitId: 'motesplats',
      date: '2026-02-10',
      marks: v,
    } as never),
  VoidTally: (s, _t, v) =>
    s.tally({
      type: 'VoidTally',
      commandId: uuid(11),
      interventionId: 'motesplats-uppsokande',
      unitId: 'motesplats',
      period: '2026-02',
      tallyId: uuid(10),
      reason: v,
    } as never),
  TallyGroupMeeting: (s, _t, v) =>
    s.tally({
      type: 'TallyGroupMeeting',
      commandId: uuid(12),
      interventionId: 'motesplats-uppsokande',
      unitId: 'motesplats',
      date: '2026-02-10',
      participants: { adults: v },
    } as never),
  TallyVisitors: (s, _t, v) =>
    s.tally({
      type: 'TallyVisitors',
      commandId: uuid(13),
      interventionId: 'motesplats-uppsokande',
      unitId: 'motesplats',
      date: '2026-02-10',
      visitors: v,
    } as never),
  OpenSeries: (s, _t, v) =>
    s.openSeries({
      type: 'OpenSeries',
      commandId: uuid(14),
      interventionId: v,
      unitId: 'motesplats',
    } as never),
  RecordSession: (s, t, v) =>
    s.recordSession({
      type: 'RecordSession',
      commandId: uuid(15),
      token: t,
      date: '2026-02-10',
      marks: v,
    } as never),
  WriteNote: (s, t, v) => s.writeNote({ type: 'WriteNote', commandId: uuid(16), token: t, text: v } as never),
  'WriteNote (token)': (s, _t, v) =>
    s.writeNote({ type: 'WriteNote', commandId: uuid(17), token: v, text: 'ok' } as never),
  ReadNotes: (s, _t, v) => s.readNotes({ token: v } as never),
  CloseSeries: (s, t, v) =>
    s.closeSeries({ type: 'CloseSeries', commandId: uuid(18), token: t, reason: v } as never),
  SealPeriod: (s, _t, v) => s.sealPeriod({ type: 'SealPeriod', commandId: uuid(19), period: v } as never),
  AmendSheet: (s, _t, v) =>
    s.amendSheet({
      type: 'AmendSheet',
      commandId: uuid(20),
      interventionId: 'motesplats-uppsokande',
      unitId: 'motesplats',
      period: '2025-01',
      reason: v,
      delta: {},
    } as never),
  'AdoptCatalogue (a label)': (s, _t, v) => {
    const catalogue = vaggerydCatalogue() as unknown as { interventions: { name: unknown }[] };
    (catalogue.interventions[0] as { name: unknown }).name = v;
    return s.adoptCatalogue({ type: 'AdoptCatalogue', commandId: uuid(21), catalogue } as never);
  },
};

async function answer(
  send: Send,
  value: unknown,
): Promise<{ code: string; text: string; swedish: string[] }> {
  const { service, token } = await seriesService();
  try {
    const result = await send(service, token, value);
    if (E.isRight(result)) return { code: 'accepted', text: '', swedish: [] };
    const refusal = result.left as { code: string; issues?: { message: string }[] };
    return {
      code: refusal.code,
      text: JSON.stringify(refusal),
      swedish: (refusal.issues ?? []).map((issue) => issueInSwedish(issue.message)),
    };
  } catch (error) {
    return { code: `thrown: ${(error as Error).message}`, text: '', swedish: [] };
  }
}

describe('a lone UTF-16 surrogate sent in any command', () => {
  it('is refused INVALID_INPUT in a value and under a made-up key, repeating neither, with a Swedish message', async () => {
    const problems: string[] = [];
    for (const [name, send] of Object.entries(commands)) {
      for (const [where, value] of [
        ['a value', LONE],
        ['a made-up key', { [NAME_KEY]: 'female' }],
      ] as const) {
        const got = await answer(send, value);
        if (got.code !== 'INVALID_INPUT') problems.push(`${name}, ${where}: ${got.code}`);
        if (got.text.includes('Anna'))
          problems.push(`${name}, ${where}: the refusal repeats the input: ${got.text}`);
        if (!got.text.includes('text cut in the middle of a character'))
          problems.push(`${name}, ${where}: not refused as half a character: ${got.text}`);
        if (!got.swedish.includes('text som är avklippt mitt i ett tecken'))
          problems.push(`${name}, ${where}: no Swedish text for ${got.text}`);
      }
    }
    expect(problems).toEqual([]);
  }, 20_000);
});

describe('a working note after one whose last characters end in an astral character', () => {
  it('is answered, never thrown, when the previous note’s tail is cut inside a surrogate pair', async () => {
    const { service, token } = await seriesService();
    const answers: string[] = [];
    // 32 characters of tail: an odd count of ASCII before the emoji pairs cuts one in half.
    for (const [n, text] of [
      [30, `Samtal om boende ${'😀'.repeat(20)}`],
      [31, 'Uppföljning nästa vecka.'],
      [32, `x${'😀'.repeat(16)}`],
      [33, 'Ny tid bokad.'],
    ] as const) {
      try {
        const written = await service.writeNote({ type: 'WriteNote', commandId: uuid(n), token, text });
        answers.push(E.isRight(written) ? 'written' : written.left.code);
      } catch (error) {
        answers.push(`thrown: ${(error as Error).message}`);
      }
    }
    expect(answers).toEqual(['written', 'written', 'written', 'written']);
    const read = await service.readNotes({ token });
    expect(E.isRight(read) ? read.right.length : read.left.code).toBe(4);
  });
});
