import { status } from '@grpc/grpc-js';
import type { FaultNetwork } from './fault-proxy.js';

/** The calls a fault can be scheduled on. */
export type FaultMethod = 'Append' | 'BatchAppend' | 'Read' | 'Tombstone' | 'Delete';

/**
 * What happens to the call: the connection is closed (`drop`) or reset (`reset`) under it,
 * the call is never answered (`stall`: the node holds it, as one stuck on a slow disk), or it
 * is answered at once with UNAVAILABLE (`unavailable`: a node starting up or shutting down).
 */
export type FaultAction = 'drop' | 'reset' | 'stall' | 'unavailable';

/** For writes: whether the fault strikes before the double writes, or after it wrote and before it answers. */
export type FaultMoment = 'before-write' | 'after-write';

/** A call as the double's handlers describe it to the fault schedule. */
export interface FaultCall {
  readonly method: FaultMethod;
  /** The stream written, deleted or read (absent for `$all` reads and subscriptions). */
  readonly stream?: string;
  /** For reads: a stream, `$all`, or a subscription to `$all`. */
  readonly read?: 'stream' | 'all' | 'subscription';
}

/** A fault waiting for the next call that matches it. */
export interface ScheduledFault {
  readonly action: FaultAction;
  readonly moment: FaultMoment;
}

interface Pending extends ScheduledFault {
  readonly method: FaultMethod;
  readonly matches: (call: FaultCall) => boolean;
  remaining: number;
}

/** Per-call faults: scheduled by a test, taken by the double's handlers as calls arrive. */
export interface FaultSchedule {
  /**
   * Strikes the next `times` calls (default 1) of `method` that match, with `action`, at
   * `moment` (default `after-write`: the write happened, its answer is lost).
   */
  next(
    method: FaultMethod,
    action: FaultAction,
    options?: {
      readonly moment?: FaultMoment;
      readonly times?: number;
      readonly matching?: (call: FaultCall) => boolean;
    },
  ): void;
  /** For a handler: the fault for this call, if one is scheduled (it is then used up). */
  take(call: FaultCall): ScheduledFault | undefined;
  /**
   * For a handler: carries out a fault — on the network, or by failing the call through
   * `fail` (a stall needs no action: the handler stays silent).
   */
  strike(fault: ScheduledFault, fail: (error: { code: number; details: string }) => void): void;
  /** How many scheduled faults have struck. */
  readonly struck: number;
  /** Forgets every fault not yet taken. */
  clear(): void;
}

/** A fault schedule acting on the given network. */
export function createFaultSchedule(network: FaultNetwork): FaultSchedule {
  const pending: Pending[] = [];
  let struck = 0;
  return {
    next(method, action, options = {}) {
      pending.push({
        method,
        action,
        moment: options.moment ?? 'after-write',
        matches: options.matching ?? (() => true),
        remaining: options.times ?? 1,
      });
    },
    take(call) {
      const index = pending.findIndex((fault) => fault.method === call.method && fault.matches(call));
      if (index < 0) return undefined;
      const fault = pending[index] as Pending;
      fault.remaining -= 1;
      if (fault.remaining <= 0) pending.splice(index, 1);
      struck += 1;
      return { action: fault.action, moment: fault.moment };
    },
    strike(fault, fail) {
      if (fault.action === 'drop') network.drop();
      else if (fault.action === 'reset') network.reset();
      else if (fault.action === 'unavailable')
        fail({ code: status.UNAVAILABLE, details: 'Server Is Not Ready' });
    },
    get struck() {
      return struck;
    },
    clear() {
      pending.length = 0;
    },
  };
}
