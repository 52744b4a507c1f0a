import type { CommandService } from '@pinnstatistik/core';
import { outcomeOf } from '../outcome.js';
import type { Route } from '../router.js';

/** The body with the path's token in it; anything but an object goes on as is (and is refused as input). */
function withToken(body: unknown, token: string): unknown {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? { ...body, token } : body;
}

/**
 * Series of connected contacts with one anonymous person, and their working notes. The token
 * is the only handle on a series: it is issued once, stored nowhere, and never logged.
 */
export function seriesRoutes(service: CommandService): Route[] {
  return [
    {
      method: 'POST',
      path: '/series',
      readsBody: true,
      handle: async ({ body }) => outcomeOf(await service.openSeries(body), 201, (series) => ({ series })),
    },
    {
      method: 'POST',
      path: '/series/:token/sessions',
      readsBody: true,
      handle: async ({ body, params }) =>
        outcomeOf(await service.recordSession(withToken(body, params.token ?? '')), 201, (receipt) => ({
          receipt,
        })),
    },
    {
      method: 'POST',
      path: '/series/:token/notes',
      readsBody: true,
      handle: async ({ body, params }) =>
        outcomeOf(await service.writeNote(withToken(body, params.token ?? '')), 201, (receipt) => ({
          receipt,
        })),
    },
    {
      method: 'GET',
      path: '/series/:token/notes',
      readsBody: false,
      handle: async ({ params }) =>
        outcomeOf(await service.readNotes({ token: params.token ?? '' }), 200, (notes) => ({ notes })),
    },
    {
      method: 'POST',
      path: '/series/:token/close',
      readsBody: true,
      handle: async ({ body, params }) =>
        outcomeOf(await service.closeSeries(withToken(body, params.token ?? '')), 200, (closing) => ({
          closing,
        })),
    },
  ];
}
