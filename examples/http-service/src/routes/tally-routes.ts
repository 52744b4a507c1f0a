import type { CommandService, TallyCommandInput } from '@pinnstatistik/core';
import { outcomeOf } from '../outcome.js';
import type { Route } from '../router.js';

/**
 * `POST /tallies`: a tally command (`TallyContact`, `TallyGroupMeeting`, `TallyVisitors`,
 * `VoidTally`) → 201 with its receipt. A retry with the same `commandId` gets the same
 * receipt and writes nothing.
 */
export function tallyRoutes(service: CommandService): Route[] {
  return [
    {
      method: 'POST',
      path: '/tallies',
      readsBody: true,
      // Untrusted: the service validates the command at run time; the type says what it expects.
      handle: async ({ body }) =>
        outcomeOf(await service.tally(body as TallyCommandInput), 201, (receipt) => ({ receipt })),
    },
  ];
}
