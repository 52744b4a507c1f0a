import type { Route } from '../router.js';

/** `GET /health`: the process is up and answering (for load balancers and `curl`). */
export function healthRoutes(): Route[] {
  return [
    {
      method: 'GET',
      path: '/health',
      readsBody: false,
      handle: async () => ({ kind: 'ok', status: 200, body: { status: 'ok' } }),
    },
  ];
}
