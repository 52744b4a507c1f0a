import * as E from 'fp-ts/lib/Either.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { NOTE_CORPUS } from '../src/privacy/fixtures/note-corpus.js';
import { OBFUSCATED_PERSONAL_DATA } from '../src/privacy/fixtures/obfuscated-personal-data.js';
import { type Attacked, attacked, ENTRY_POINTS, echoesOf, uuid } from './service-under-attack.js';

describe('personal data, however it is written, is refused at every entry point', () => {
  let target: Attacked;
  beforeAll(async () => {
    target = await attacked();
  });

  const cases = ENTRY_POINTS.flatMap((entry) =>
    OBFUSCATED_PERSONAL_DATA.map(
      (sample) => [entry.name, sample.obfuscation, sample.text, sample.kind, entry] as const,
    ),
  );

  it.each(cases)(
    '%s: %s %j is refused as %s, with nothing stored or echoed',
    async (_entry, _class, text, kind, entry) => {
      const before = await target.count();
      const result = await entry.send(target, text);
      expect(
        E.isLeft(result) && {
          code: result.left.code,
          kind: (result.left as { personalDataKind?: string }).personalDataKind,
        },
      ).toEqual({
        code: 'PERSONAL_DATA_DETECTED',
        kind,
      });
      expect(await target.count()).toBe(before);
      expect(echoesOf(text, JSON.stringify(E.isLeft(result) ? result.left : null))).toEqual([]);
    },
  );

  it('every sentence of the working-note corpus is written as a note', async () => {
    const refused: string[] = [];
    for (const sentence of NOTE_CORPUS) {
      const result = await target.service.writeNote({
        type: 'WriteNote',
        token: target.token,
        commandId: uuid(),
        text: sentence,
      });
      if (E.isLeft(result)) refused.push(`${result.left.code}: ${sentence}`);
    }
    expect(refused).toEqual([]);
  });
});
