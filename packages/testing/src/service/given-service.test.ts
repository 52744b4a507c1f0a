import { AssertionError } from 'node:assert';
import { vaggerydCatalogue } from '@pinnstatistik/core';
import { describe, expect, it } from 'vitest';
import { givenService } from './given-service.js';
import { testCommandId } from './test-command-id.js';

const catalogue = vaggerydCatalogue();
const marks = {
  gender: 'female',
  childAges: [9, 4],
  numberOfChildren: 2,
  problemArea: 'parenting',
  routeIn: 'school',
  furtherAction: 'none',
};
// Outreach: contacts without a series (råd och stöd counts its contacts in series).
const contact = (label: string, date = '2025-03-14') => ({
  type: 'TallyContact' as const,
  commandId: testCommandId(label),
  interventionId: 'motesplats-uppsokande',
  unitId: 'motesplats',
  date,
  marks: { gender: 'female' },
});
const session = (token: string, label: string, date = '2025-06-02') => ({
  type: 'RecordSession' as const,
  token,
  commandId: testCommandId(label),
  date,
  marks,
});
const june = () => givenService({ catalogue, today: '2025-06-20' });
const openRadOchStod = {
  type: 'OpenSeries',
  commandId: testCommandId('open råd och stöd'),
  interventionId: 'rad-och-stod',
  unitId: 'motesplats',
} as const;
const seal = (period: string) => ({
  type: 'SealPeriod' as const,
  commandId: testCommandId(`seal ${period}`),
  period,
});

describe('givenService: tallies through the service', () => {
  it('writes the tally encrypted, and the sheet registered in its period', async () => {
    await june()
      .when(contact('a'))
      .then([
        { type: 'SheetRegistered', data: { period: '2025-03', interventionId: 'motesplats-uppsokande' } },
        { type: 'ContactTallied', data: { period: '2025-03', marks: { gender: 'female' } } },
      ]);
    await june()
      .when(contact('a'))
      .then((events) => expect(events.every((event) => event.encrypted)).toBe(true));
  });

  it('counts a retried command once', async () => {
    const scenario = june();
    await scenario.step(contact('a'));
    await scenario.when(contact('a')).thenNothingHappens();
  });

  it('refuses a tally dated after today, writing nothing', async () => {
    await june().when(contact('late', '2025-07-01')).thenRefuses('DATE_IN_FUTURE');
  });

  it('refuses a contact a series must count, and untrusted input through the same door', async () => {
    await june()
      .when({ ...contact('outside'), interventionId: 'rad-och-stod', marks })
      .thenRefuses('SERIES_REQUIRED');
    await june()
      .when({ ...contact('pnr'), marks: { gender: '19811218-9876' } })
      .thenRefuses('PERSONAL_DATA_DETECTED');
    await june().when({ type: 'NoSuchCommand' }).thenRefuses('INVALID_INPUT');
  });
});

describe('givenService: catalogue adoption', () => {
  it('adopting the same version again changes nothing; new content under it is refused', async () => {
    const adopt = (content: typeof catalogue, label: string) => ({
      type: 'AdoptCatalogue' as const,
      commandId: testCommandId(label),
      catalogue: content,
    });
    await june().when(adopt(catalogue, 'again')).thenNothingHappens();
    await june()
      .when(adopt({ ...catalogue, effectiveFrom: '2025-02-01' }, 'changed'))
      .thenRefuses('CATALOGUE_VERSION_EXISTS');
  });
});

describe('givenService: series', () => {
  it('opens a series and counts its sessions up to the limit, then refuses', async () => {
    const scenario = june();
    const { token, maxContacts } = await scenario.step(openRadOchStod);
    expect(maxContacts).toBe(5);
    for (const n of [1, 2, 3, 4]) await scenario.step(session(token, `s${n}`));
    await scenario
      .when(session(token, 's5'))
      .then((events) => expect(events.map((event) => event.type)).toEqual(['ContactTallied']));
    await scenario.when(session(token, 's6')).thenRefuses('SERIES_LIMIT_REACHED');
  });

  it('refuses a series for an intervention that offers none, and a mistyped token', async () => {
    await june()
      .when({ ...openRadOchStod, interventionId: 'motesplats-uppsokande' })
      .thenRefuses('SERIES_NOT_OFFERED');
    await june()
      .when({ ...openRadOchStod, interventionId: 'faltare-uppsokande', unitId: 'faltare' })
      .thenRefuses('DOCUMENTATION_EXEMPT');
    const scenario = june();
    const { token } = await scenario.step(openRadOchStod);
    const typo = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    await scenario.when(session(typo, 'typo')).thenRefuses('INVALID_SERIES_TOKEN');
  });

  it('closes a series: its stream deleted and its key destroyed with every note, only the count kept', async () => {
    const scenario = june();
    const { token } = await scenario.step(openRadOchStod);
    await scenario.step(session(token, 's1'));
    await scenario.step({ type: 'WriteNote', token, commandId: testCommandId('n1'), text: 'Sov dåligt.' });
    const close = {
      type: 'CloseSeries',
      commandId: testCommandId('close'),
      token,
      reason: 'completed',
    } as const;
    await scenario.when(close).then([
      { type: 'SeriesEnded', data: { contacts: 1 } },
      { type: 'SeriesClosed', data: { notesDestroyed: 1, reason: 'completed' } },
    ]);
    await scenario.when(session(token, 's2')).thenRefuses('SERIES_CLOSED');
    await scenario.when({ type: 'ReadNotes', token }).thenRefuses('SERIES_CLOSED');
    const closed = (await scenario.written()).at(-1)?.data as { series: string };
    expect(await scenario.keys.get(closed.series)).toBeUndefined();
  });

  it('expires a series idle past the retention', async () => {
    const scenario = june();
    const { token } = await scenario.step(openRadOchStod);
    await scenario.step(session(token, 's1'));
    await scenario
      .at('2025-12-01')
      .when({ type: 'ExpireSeries' })
      .then((events, result) => {
        expect(result).toEqual({ expired: 1, open: 0 });
        expect(events.at(-1)?.data).toMatchObject({ notesDestroyed: 0, reason: 'retention-expired' });
      });
  });
});

describe('givenService: working notes', () => {
  it('writes a note encrypted and reads it back; reading writes nothing', async () => {
    const scenario = june();
    const { token } = await scenario.step(openRadOchStod);
    await scenario
      .when({ type: 'WriteNote', token, commandId: testCommandId('n1'), text: 'Pratade om sömn.' })
      .then([{ type: 'NoteWritten', data: { text: 'Pratade om sömn.', writtenOn: '2025-06-20' } }]);
    await scenario.when({ type: 'ReadNotes', token }).thenNothingHappens();
    await scenario
      .when({ type: 'ReadNotes', token })
      .then((_, notes) => expect(notes).toEqual([{ text: 'Pratade om sömn.', writtenOn: '2025-06-20' }]));
  });

  it('refuses notes the policy does not allow, and personal data in a note', async () => {
    const scenario = june();
    const homeVisits = await scenario.step({
      ...openRadOchStod,
      commandId: testCommandId('open home visits'),
      interventionId: 'familjecentral-hembesok-bhv',
      unitId: 'familjecentral',
    });
    await scenario
      .when({ type: 'WriteNote', token: homeVisits.token, commandId: testCommandId('n'), text: 'Hej.' })
      .thenRefuses('WORKING_NOTES_NOT_ALLOWED');
    const { token } = await scenario.step(openRadOchStod);
    await scenario
      .when({ type: 'WriteNote', token, commandId: testCommandId('p'), text: 'Ring 070-123 45 67' })
      .thenRefuses('PERSONAL_DATA_DETECTED');
  });
});

describe('givenService: sealing', () => {
  it('seals a period after its grace; then its sheets refuse tallies; a second seal changes nothing', async () => {
    const scenario = june();
    await scenario.step(contact('a', '2025-05-10'));
    await scenario.when(seal('2025-06')).thenRefuses('SEAL_TOO_EARLY');
    // What stays: the tables and the seal, and a signed checkpoint of the log (its signing key
    // adopted on the first one); the sheet's detail and the registry are deleted.
    await scenario
      .when(seal('2025-05'))
      .then([
        { type: 'SheetsSealed', data: { period: '2025-05' } },
        { type: 'PeriodSealed', data: { sheets: 1 } },
        { type: 'LogKeyAdopted' },
        { type: 'LogCheckpoint' },
      ]);
    await scenario.when(contact('b', '2025-05-11')).thenRefuses('SHEET_SEALED');
    await scenario.when(seal('2025-05')).thenNothingHappens();
    expect(await scenario.keys.get('period-2025-05')).toBeUndefined();
  });

  it('corrects a sealed sheet with an amendment, and refuses one for an open period', async () => {
    const amend = (period: string) => ({
      type: 'AmendSheet' as const,
      commandId: testCommandId(`amend ${period}`),
      interventionId: 'motesplats-uppsokande',
      unitId: 'motesplats',
      period,
      change: 1 as const,
      tally: { type: 'contact' as const, marks: { gender: 'male' } },
      reason: 'late-tally' as const,
    });
    const scenario = june();
    await scenario.step(contact('a', '2025-05-10'));
    await scenario.step(seal('2025-05'));
    await scenario.when(amend('2025-05')).then([{ type: 'SheetAmended', data: { reason: 'late-tally' } }]);
    await scenario.when(amend('2025-06')).thenRefuses('PERIOD_NOT_SEALED');
  });
});

describe('givenService fails with a readable message', () => {
  it('when a refusal was expected but the command was accepted', async () => {
    await expect(june().when(contact('a')).thenRefuses('SHEET_SEALED')).rejects.toThrow(
      /expected a refusal with SHEET_SEALED, but the command was accepted, writing 2 event\(s\): SheetRegistered \(registry-2025-03\), ContactTallied \(tally-2025-03-/,
    );
  });

  it('when the command was refused with another code, naming it and its message', async () => {
    await expect(june().when(contact('late', '2025-08-01')).thenRefuses('SHEET_SEALED')).rejects.toThrow(
      /expected a refusal with SHEET_SEALED, but the command was refused with DATE_IN_FUTURE: /,
    );
  });

  it('when events were expected but the command was refused', async () => {
    await expect(june().when(contact('late', '2025-08-01')).then([])).rejects.toThrow(
      /expected the command to be accepted, but it was refused with DATE_IN_FUTURE/,
    );
  });

  it('when other events were written, with a diff', async () => {
    const failure = june()
      .when(contact('a'))
      .then([{ type: 'ContactTallied' }]);
    await expect(failure).rejects.toBeInstanceOf(AssertionError);
    await expect(failure).rejects.toThrow(
      /the command wrote other events than expected[\s\S]*SheetRegistered/,
    );
  });

  it('when nothing should have happened', async () => {
    await expect(june().when(contact('a')).thenNothingHappens()).rejects.toThrow(
      /expected the command to be accepted and write nothing, but it was accepted, writing 2 event\(s\)/,
    );
  });

  it('when a setup step is refused, naming the step', async () => {
    const scenario = givenService({ catalogue, today: '2025-06-20', steps: [contact('late', '2025-09-01')] });
    await expect(scenario.when(contact('a')).thenNothingHappens()).rejects.toThrow(
      /setup step 1 \(TallyContact\) was expected to be accepted, but it was refused with DATE_IN_FUTURE/,
    );
  });
});
