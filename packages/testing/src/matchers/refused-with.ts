import { isRefusal, type Refusal, type RefusalCode } from '@pinnstatistik/core';

/** A matcher's verdict: whether it passed, and the message for either direction. */
export interface MatcherVerdict {
  readonly pass: boolean;
  readonly message: string;
  readonly actual: unknown;
}

/** The refusal in an `Either` (its `Left`) or the refusal itself; `undefined` for anything else. */
function refusalIn(received: unknown): Refusal | undefined {
  if (isRefusal(received)) return received;
  const either = received as { _tag?: unknown; left?: unknown } | null;
  return either?._tag === 'Left' && isRefusal(either.left) ? either.left : undefined;
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/**
 * Whether a result was refused with a code: the received value is an `Either` (as the command
 * service and the deciders answer) or a refusal itself.
 */
export function refusedWith(received: unknown, code: RefusalCode): MatcherVerdict {
  const refusal = refusalIn(received);
  if (refusal?.code === code) {
    return {
      pass: true,
      message: `expected anything but a refusal with ${code}, but it was refused with it: ${refusal.message.en}`,
      actual: refusal.code,
    };
  }
  const either = received as { _tag?: unknown; right?: unknown } | null;
  const what =
    refusal !== undefined
      ? `it was refused with ${refusal.code}: ${refusal.message.en}`
      : either?._tag === 'Right'
        ? `it was accepted: ${preview(either.right)}`
        : `${preview(received)} is neither an Either nor a refusal`;
  return {
    pass: false,
    message: `expected a refusal with ${code}, but ${what}`,
    actual: refusal?.code ?? received,
  };
}
