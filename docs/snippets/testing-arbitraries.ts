import {
  adopted,
  givenTallySheet,
  invalidTallyCommand,
  seededYear,
  vaggerydCatalogue,
  validTallyCommand,
} from '@pinnstatistik/testing';
import fc from 'fast-check';

const catalogue = vaggerydCatalogue();
const sheet = () => givenTallySheet([adopted(catalogue)]);

// Every valid command, for any intervention that keeps tallies, is accepted.
fc.assert(
  fc.property(validTallyCommand(catalogue), (command) => {
    sheet()
      .when(command)
      .then((events) => {
        if (events.length !== 1) throw new Error(`expected one event, got ${events.length}`);
      });
  }),
);

// Every invalid variant carries the one refusal it must produce, and what is wrong with it.
fc.assert(
  fc.property(invalidTallyCommand(catalogue), ({ input, expected }) => {
    sheet().when(input).thenRefuses(expected);
  }),
);
const [sample] = fc.sample(invalidTallyCommand(catalogue, { codes: ['OUTSIDE_TARGET_GROUP'] }), 1);
console.log(sample?.expected, sample?.variant); // OUTSIDE_TARGET_GROUP individualAge 9 for … (target group 13–25)

// A realistic, seeded year of commands: the same seed, the same year.
console.log(seededYear({ catalogue, year: 2025, seed: 7, volume: 0.1 }).length);
