import type { CloseSeries, CommandService, OpenSeries, RecordSession, WriteNote } from '@pinnstatistik/core';
import { outcomeOf } from '../outcome.js';
import type { Route } from '../router.js';

/**
 * The body as the command the path names, with the path's token in it. Nothing is checked
 * here: the service validates every command at run time (the type only says what it expects);
 * anything but an object goes on as is and is refused as input.
 */
function commandFrom<Command>(body: unknown, type: string, token?: string): Command {
  return (
    typeof body === 'object' && body !== null && !Array.isArray(body)
      ? { ...body, type, ...(token === undefined ? {} : { token }) }
      : body
  ) as Command;
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
      handle: async ({ body }) =>
        outcomeOf(await service.openSeries(commandFrom<OpenSeries>(body, 'OpenSeries')), 201, (series) => ({
          series,
        })),
    },
    {
      method: 'POST',
      path: '/series/:token/sessions',
      readsBody: true,
      handle: async ({ body, params }) =>
        outcomeOf(
          await service.recordSession(commandFrom<RecordSession>(body, 'RecordSession', params.token ?? '')),
          201,
          (receipt) => ({
            receipt,
          }),
        ),
    },
    {
      method: 'POST',
      path: '/series/:token/notes',
      readsBody: true,
      handle: async ({ body, params }) =>
        outcomeOf(
          await service.writeNote(commandFrom<WriteNote>(body, 'WriteNote', params.token ?? '')),
          201,
          (receipt) => ({
            receipt,
          }),
        ),
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
        outcomeOf(
          await service.closeSeries(commandFrom<CloseSeries>(body, 'CloseSeries', params.token ?? '')),
          200,
          (closing) => ({
            closing,
          }),
        ),
    },
  ];
}
