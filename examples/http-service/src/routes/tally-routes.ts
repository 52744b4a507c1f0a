import type { CommandService } from '@pinnstatistik/core';
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
      handle: async ({ body }) => outcomeOf(await service.tally(body), 201, (receipt) => ({ receipt })),
    },
  ];
}
