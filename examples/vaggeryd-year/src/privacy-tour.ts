import { type CommandService, type KeyStore, periodKeyId } from '@pinnstatistik/core';

type Print = (text?: string) => void;
type Say = (en: string, sv: string) => string;

const uuid = (n: number): string => `5e71e500-0000-4000-8000-${String(n).padStart(12, '0')}`;

async function mustSucceed<T>(
  promise: Promise<{ _tag: 'Left'; left: { code: string } } | { _tag: 'Right'; right: T }>,
): Promise<T> {
  const result = await promise;
  if (result._tag === 'Left') throw new Error(`unexpectedly refused: ${result.left.code}`);
  return result.right;
}

/** Series and working notes, a month sealed and its key gone: what "aggregate only" means at rest. */
export async function privacyTour(
  service: CommandService,
  keys: KeyStore,
  print: Print,
  say: Say = (en) => en,
): Promise<void> {
  const swedish = say('en', 'sv') === 'sv';
  const { token, maxContacts } = await mustSucceed(
    service.openSeries({
      type: 'OpenSeries',
      commandId: uuid(100),
      interventionId: 'rad-och-stod',
      unitId: 'mottaget-my',
    }),
  );
  print(
    say(
      `   A counsellor at Mottaget MY opens a råd och stöd series: token ${token}`,
      `   En rådgivare på Mottaget MY öppnar en serie råd och stöd: seriens kod ${token}`,
    ),
  );
  print(
    say(
      `   (135 bits, Crockford base32 with a check character; stored nowhere — only its hash names the series).`,
      `   (135 bitar, Crockfords base32 med en kontrollsiffra; sparas ingenstans — bara dess hash namnger serien).`,
    ),
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
  print(
    say(
      `   ${maxContacts} sessions recorded, each also tallied on its sheet. The sixth:`,
      `   ${maxContacts} samtal registrerade, vart och ett också pinnat på sin pinnlista. Det sjätte:`,
    ),
  );
  const sixth = await service.recordSession({
    type: 'RecordSession',
    token,
    commandId: uuid(6),
    date: '2025-11-20',
    marks,
  });
  if (sixth._tag === 'Right') throw new Error('a sixth session was accepted');
  print(`     ✗ ${sixth.left.code}`);
  print(swedish ? `       ${sixth.left.message.sv}` : `       sv: ${sixth.left.message.sv}`);
  if (!swedish) print(`       en: ${sixth.left.message.en}`);

  await mustSucceed(
    service.writeNote({
      type: 'WriteNote',
      token,
      commandId: uuid(7),
      text: 'Nästa gång: följ upp läxhjälpen och kontakten med mentor.',
    }),
  );
  print(
    say(
      '   A working note is written (encrypted with the series key). One with a personnummer is not:',
      '   En arbetsanteckning skrivs (krypterad med seriens nyckel). En med ett personnummer skrivs inte:',
    ),
  );
  const leaky = await service.writeNote({
    type: 'WriteNote',
    token,
    commandId: uuid(8),
    text: 'Ring mamman, 19850709-9805, om läxhjälpen.',
  });
  if (leaky._tag === 'Right') throw new Error('a note with a personnummer was accepted');
  print(`     ✗ ${leaky.left.code}`);
  print(swedish ? `       ${leaky.left.message.sv}` : `       sv: ${leaky.left.message.sv}`);
  if (!swedish) print(`       en: ${leaky.left.message.en}`);
  const closed = await mustSucceed(
    service.closeSeries({ type: 'CloseSeries', commandId: uuid(10), token, reason: 'completed' }),
  );
  print(
    say(
      `   The series is closed: its stream deleted, ${closed.notesDestroyed} note(s) destroyed with its key; "a series of ${closed.contacts} sessions ended" is tallied, sealed, on the sheet of its last session's month, and the index keeps only that it closed.`,
      `   Serien avslutas: dess ström raderas, ${closed.notesDestroyed} anteckning(ar) förstörs med dess nyckel; "en serie på ${closed.contacts} samtal avslutad" pinnas, krypterad, på pinnlistan för månaden med seriens sista samtal, och registret behåller bara att den avslutades.`,
    ),
  );
  const expiry = await service.expireSeries();
  print(
    say(
      `   Series idle past the retention closed the same way: ${expiry.expired} (still open: ${expiry.open}).`,
      `   Serier som legat stilla längre än bevarandetiden avslutas på samma sätt: ${expiry.expired} (fortfarande öppna: ${expiry.open}).`,
    ),
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
    say(
      `   January–November sealed: ${sheets} sheets replaced by their tables, ${deleted} detail streams deleted, eleven period keys destroyed.`,
      `   Januari–november förseglade: ${sheets} pinnlistor ersatta av sina tabeller, ${deleted} detaljströmmar raderade, elva periodnycklar förstörda.`,
    ),
  );
  const march = await keys.get(periodKeyId('2025-03'));
  print(
    say(
      `   The key of 2025-03: ${march === undefined ? 'gone — its detail can never be read again' : 'STILL THERE'}.`,
      `   Nyckeln för 2025-03: ${march === undefined ? 'borta — dess detaljer kan aldrig läsas igen' : 'FINNS KVAR'}.`,
    ),
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
  print(
    say(`   A late tally for March: ✗ ${late.left.code}`, `   En sen pinne för mars: ✗ ${late.left.code}`),
  );
  print(swedish ? `       ${late.left.message.sv}` : `       en: ${late.left.message.en}`);
  const decemberKey = await keys.get(periodKeyId('2025-12'));
  print(
    say(
      `   December is still in its grace period: its detail stays sealed under a key that ${decemberKey === undefined ? 'is missing' : 'still exists'}.`,
      `   December är fortfarande inom sin respittid: dess detaljer förblir krypterade med en nyckel som ${decemberKey === undefined ? 'saknas' : 'finns kvar'}.`,
    ),
  );
}
