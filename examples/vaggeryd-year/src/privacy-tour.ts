import { type CommandService, type KeyStore, periodKeyId } from '@pinnstatistik/core';

type Print = (text?: string) => void;

const uuid = (n: number): string => `5e71e500-0000-4000-8000-${String(n).padStart(12, '0')}`;

async function mustSucceed<T>(
  promise: Promise<{ _tag: 'Left'; left: { code: string } } | { _tag: 'Right'; right: T }>,
): Promise<T> {
  const result = await promise;
  if (result._tag === 'Left') throw new Error(`unexpectedly refused: ${result.left.code}`);
  return result.right;
}

/** Series and working notes, a month sealed and its key gone: what "aggregate only" means at rest. */
export async function privacyTour(service: CommandService, keys: KeyStore, print: Print): Promise<void> {
  const { token, maxContacts } = await mustSucceed(
    service.openSeries({
      type: 'OpenSeries',
      commandId: uuid(100),
      interventionId: 'rad-och-stod',
      unitId: 'mottaget-my',
    }),
  );
  print(`   A counsellor at Mottaget MY opens a råd och stöd series: token ${token}`);
  print(
    `   (135 bits, Crockford base32 with a check character; stored nowhere — only its hash names the series).`,
  );
  const marks = {
    gender: 'female',
    childAges: [11, 8],
    numberOfChildren: 2,
    problemArea: 'family-conflict',
    routeIn: 'school',
    furtherAction: 'continued-support',
  };
  for (let session = 1; session <= (maxContacts ?? 5); session += 1) {
    await mustSucceed(
      service.recordSession({
        type: 'RecordSession',
        token,
        commandId: uuid(session),
        date: `2025-11-0${session + 2}`,
        marks,
      }),
    );
  }
  print(`   ${maxContacts} sessions recorded, each also tallied on its sheet. The sixth:`);
  const sixth = await service.recordSession({
    type: 'RecordSession',
    token,
    commandId: uuid(6),
    date: '2025-11-20',
    marks,
  });
  if (sixth._tag === 'Right') throw new Error('a sixth session was accepted');
  print(`     ✗ ${sixth.left.code}`);
  print(`       sv: ${sixth.left.message.sv}`);
  print(`       en: ${sixth.left.message.en}`);

  await mustSucceed(
    service.writeNote({
      type: 'WriteNote',
      token,
      commandId: uuid(7),
      text: 'Nästa gång: följ upp läxhjälpen och kontakten med mentor.',
    }),
  );
  print('   A working note is written (encrypted with the series key). One with a personnummer is not:');
  const leaky = await service.writeNote({
    type: 'WriteNote',
    token,
    commandId: uuid(8),
    text: 'Ring mamman, 19850709-9805, om läxhjälpen.',
  });
  if (leaky._tag === 'Right') throw new Error('a note with a personnummer was accepted');
  print(`     ✗ ${leaky.left.code}`);
  print(`       sv: ${leaky.left.message.sv}`);
  print(`       en: ${leaky.left.message.en}`);
  const closed = await mustSucceed(
    service.closeSeries({ type: 'CloseSeries', commandId: uuid(10), token, reason: 'completed' }),
  );
  print(
    `   The series is closed: its stream deleted, ${closed.notesDestroyed} note(s) destroyed with its key; "a series of ${closed.contacts} sessions ended" is tallied, sealed, on the sheet of its last session's month, and the index keeps only that it closed.`,
  );
  const expiry = await service.expireSeries();
  print(
    `   Series idle past the retention closed the same way: ${expiry.expired} (still open: ${expiry.open}).`,
  );

  let sheets = 0;
  let deleted = 0;
  for (let month = 1; month <= 11; month += 1) {
    const period = `2025-${String(month).padStart(2, '0')}`;
    const sealed = await mustSucceed(
      service.sealPeriod({ type: 'SealPeriod', commandId: uuid(200 + month), period }),
    );
    sheets += sealed.sheets;
    deleted += sealed.deletedStreams;
  }
  print(
    `   January–November sealed: ${sheets} sheets replaced by their tables, ${deleted} detail streams deleted, eleven period keys destroyed.`,
  );
  const march = await keys.get(periodKeyId('2025-03'));
  print(
    `   The key of 2025-03: ${march === undefined ? 'gone — its detail can never be read again' : 'STILL THERE'}.`,
  );
  const late = await service.tally({
    type: 'TallyContact' as const,
    commandId: uuid(9),
    interventionId: 'motesplats-uppsokande',
    unitId: 'motesplats',
    date: '2025-03-12',
    marks: { gender: 'male' },
  });
  if (late._tag === 'Right') throw new Error('a tally for a sealed month was accepted');
  print(`   A late tally for March: ✗ ${late.left.code}`);
  print(`       en: ${late.left.message.en}`);
  const decemberKey = await keys.get(periodKeyId('2025-12'));
  print(
    `   December is still in its grace period: its detail stays sealed under a key that ${decemberKey === undefined ? 'is missing' : 'still exists'}.`,
  );
}
