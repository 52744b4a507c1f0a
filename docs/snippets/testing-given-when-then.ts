import {
  adopted,
  givenCatalogue,
  givenTallySheet,
  testCommandId,
  vaggerydCatalogue,
} from '@pinnstatistik/testing';

const catalogue = vaggerydCatalogue();
const sheet = () => givenTallySheet([adopted(catalogue)]);
const commandId = testCommandId('first contact'); // the same UUID on every run
const contact = {
  type: 'TallyContact',
  commandId,
  interventionId: 'motesplats-uppsokande',
  unitId: 'motesplats',
  date: '2025-03-14',
  marks: { gender: 'female' },
};

// Accepted, with exactly these events: the date became the month, the version is recorded.
sheet()
  .when(contact)
  .then([
    {
      type: 'ContactTallied',
      data: {
        tallyId: commandId,
        interventionId: 'motesplats-uppsokande',
        unitId: 'motesplats',
        period: '2025-03',
        catalogueVersion: '1.1',
        marks: { gender: 'female' },
      },
    },
  ]);

// Refused with a stable code; the refusal comes back for further checks.
const refusal = sheet()
  .when({ ...contact, interventionId: 'faltare-uppsokande', unitId: 'faltare' })
  .thenRefuses('DOCUMENTATION_EXEMPT');
console.log(refusal.rule.clause); // interventions/faltare-uppsokande/documentation

// Untrusted input passes the same door as in production: personal data, unknown fields.
sheet()
  .when({ ...contact, marks: { gender: 'female', note: '19811218-9876' } })
  .thenRefuses('PERSONAL_DATA_DETECTED');

// The catalogue decider: adopting the same version again changes nothing.
givenCatalogue([catalogue])
  .when({ type: 'AdoptCatalogue', commandId: testCommandId('adopt'), catalogue })
  .thenNothingHappens();
