import type { StoreState } from './store-state.js';

/** Every byte a store holds: stream names, type names, the raw log buffers and the id column (wiped bytes are zeros). */
export const storedBytes = (state: StoreState): Uint8Array[] => [
  ...state.streamNames.map((name) => Buffer.from(name, 'utf8')),
  ...state.typeNames.map((name) => Buffer.from(name, 'utf8')),
  ...state.log.chunks(),
  ...state.idColumn.pages(),
];
