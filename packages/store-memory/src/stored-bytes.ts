import type { StoreState } from './store-state.js';

/** Every byte a store holds: stream names, type names and the raw log buffers (wiped bytes are zeros). */
export const storedBytes = (state: StoreState): Uint8Array[] => [
  ...state.streamNames.map((name) => Buffer.from(name, 'utf8')),
  ...state.typeNames.map((name) => Buffer.from(name, 'utf8')),
  ...state.log.chunks(),
];
