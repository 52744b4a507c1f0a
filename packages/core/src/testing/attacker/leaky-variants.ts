import { createAesGcmCipher } from '../../crypto/aes-gcm-cipher.js';
import { deriveSubkeys } from '../../crypto/key-derivation.js';
import { createPayloadSealer } from '../../crypto/payload-sealer.js';
import { GENESIS_HASH } from '../../envelope/event-hash.js';
import { type OpenedEvent, openEvent } from '../../envelope/open-event.js';
import { sealEvent } from '../../envelope/seal-event.js';
import type { JsonValue } from '../../json.js';
import type { RecordedEvent } from '../../ports/event-store.js';
import type { KeyStore } from '../../ports/key-store.js';
import { privateStreamOf } from '../../streams.js';
import type { AttackerView, ClearEvent } from './attacker-view.js';

/** Private events opened as the operator can while their keys exist. */
export async function openWithKeys(
  view: AttackerView,
  keys: KeyStore,
): Promise<Map<RecordedEvent, OpenedEvent>> {
  const cipher = createAesGcmCipher();
  const opened = new Map<RecordedEvent, OpenedEvent>();
  for (const event of view.sealed) {
    const owner = privateStreamOf(event.stream);
    const material = owner === undefined ? undefined : await keys.get(owner.keyId);
    const sealer =
      material === undefined ? undefined : createPayloadSealer(cipher, deriveSubkeys(material).encryption);
    opened.set(
      event,
      openEvent(event, () => sealer),
    );
  }
  return opened;
}

/** The layout before padding: every private payload sealed at its own length. */
export function unpadded(view: AttackerView, opened: Map<RecordedEvent, OpenedEvent>): AttackerView {
  const sealer = createPayloadSealer(createAesGcmCipher(), new Uint8Array(32));
  const sealed = view.sealed.map((event) => {
    const inner = opened.get(event);
    if (inner === undefined || !inner.readable) return event;
    const { event: resealed } = sealEvent(
      event.stream,
      event.revision,
      GENESIS_HASH,
      { id: event.id, type: inner.type, data: inner.data, meta: inner.meta },
      { sealer, paddedSize: (length) => length + 1 },
    );
    return { ...event, data: resealed.data };
  });
  return { ...view, sealed };
}

/** The layout before metadata moved inside: each private event's command id and type in clear. */
export function metaInClear(view: AttackerView, opened: Map<RecordedEvent, OpenedEvent>): AttackerView {
  const clear: ClearEvent[] = [...view.clear];
  const raw: Uint8Array[] = [...view.raw];
  for (const event of view.sealed) {
    const inner = opened.get(event);
    if (inner === undefined || !inner.readable) continue;
    const meta = { commandId: inner.meta.commandId } as unknown as JsonValue;
    clear.push({ stream: event.stream, position: event.position, type: inner.type, data: null, meta });
    raw.push(Buffer.from(JSON.stringify(meta), 'utf8'));
  }
  return { ...view, clear, raw };
}

/**
 * Payloads in clear (no encryption at all): every private event's type, data and meta. What the
 * no-shared-value attack must find then: a series names its intervention and unit, as its tallies do.
 */
export function payloadsInClear(view: AttackerView, opened: Map<RecordedEvent, OpenedEvent>): AttackerView {
  const clear: ClearEvent[] = [...view.clear];
  for (const event of view.sealed) {
    const inner = opened.get(event);
    if (inner === undefined || !inner.readable) continue;
    clear.push({
      stream: event.stream,
      position: event.position,
      type: inner.type,
      data: inner.data as JsonValue,
      meta: inner.meta as unknown as JsonValue,
    });
  }
  return { ...view, clear };
}

/**
 * The layout before record keys were removed: every contact given a random key, every sealed
 * cell `{ n, k }` with k the sum of its contacts' keys modulo 1 — built from the detail the
 * operator could read before the seal.
 */
export function tablesWithRecordKeys(
  sealedView: AttackerView,
  openYear: AttackerView,
  opened: Map<RecordedEvent, OpenedEvent>,
  random: () => number,
): AttackerView {
  type Cell = { n: number; k: number };
  const sums = new Map<string, Cell>();
  const add = (key: string, recordKey: number) => {
    const cell = sums.get(key) ?? { n: 0, k: 0 };
    cell.n += 1;
    cell.k = (cell.k + recordKey) % 1;
    sums.set(key, cell);
  };
  for (const event of openYear.sealed) {
    const inner = opened.get(event);
    if (inner === undefined || !inner.readable || inner.type !== 'ContactTallied') continue;
    const data = inner.data as {
      period: string;
      interventionId: string;
      unitId: string;
      marks: Record<string, string>;
    };
    const recordKey = random();
    for (const [dimension, value] of Object.entries(data.marks))
      add(`${data.period}/${data.interventionId}/${data.unitId}/${dimension}/${value}`, recordKey);
  }
  const clear = sealedView.clear.map((event) => {
    if (event.type !== 'SheetsSealed') return event;
    const data = event.data as unknown as {
      period: string;
      sheets: {
        interventionId: string;
        unitId: string;
        tables: { marginals: Record<string, Record<string, number>> };
      }[];
    };
    const sheets = data.sheets.map((sheet) => ({
      ...sheet,
      tables: {
        ...sheet.tables,
        marginals: Object.fromEntries(
          Object.entries(sheet.tables.marginals).map(([dimension, cells]) => [
            dimension,
            Object.fromEntries(
              Object.entries(cells).map(([value, count]) => [
                value,
                sums.get(`${data.period}/${sheet.interventionId}/${sheet.unitId}/${dimension}/${value}`) ?? {
                  n: count,
                  k: 0,
                },
              ]),
            ),
          ]),
        ),
      },
    }));
    return { ...event, data: { ...data, sheets } as unknown as JsonValue };
  });
  return { ...sealedView, clear };
}
