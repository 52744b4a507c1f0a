interface Waiting<Item, Result> {
  readonly item: Item;
  resolve(result: Result): void;
  reject(error: unknown): void;
}

/** Hands an item to its lane's queue; resolves with the item's own result. */
export type BatchingLanes<Item, Result> = (lane: string, item: Item) => Promise<Result>;

/**
 * Runs one batch: calls `take` for its items once it is ready to start (e.g. once it holds the
 * stream's turn, so that everything queued while it waited joins) — and again on a retry, which
 * answers the same items — and answers one result per item taken.
 */
export type BatchWork<Item, Result> = (
  lane: string,
  take: () => readonly Item[],
) => Promise<readonly Result[]>;

/**
 * One queue per lane (a stream this process writes to): items of a lane run one batch at a
 * time, in order, and the next batch takes everything that queued meanwhile — as many
 * consecutive items as `fits` admits. Alone, an item goes at once: nothing waits for company.
 * When `work` throws, every item of that batch is rejected with the error. A lane's queue is
 * dropped once it drains.
 */
export function createBatchingLanes<Item, Result>(
  work: BatchWork<Item, Result>,
  fits: (batch: readonly Item[], next: Item) => boolean,
): BatchingLanes<Item, Result> {
  const lanes = new Map<string, Waiting<Item, Result>[]>();

  const takeFrom = (queue: Waiting<Item, Result>[]): Waiting<Item, Result>[] => {
    const batch = [queue.shift() as Waiting<Item, Result>];
    const items = [batch[0]?.item as Item];
    while (queue.length > 0 && fits(items, (queue[0] as Waiting<Item, Result>).item)) {
      const next = queue.shift() as Waiting<Item, Result>;
      batch.push(next);
      items.push(next.item);
    }
    return batch;
  };

  const drain = async (lane: string, queue: Waiting<Item, Result>[]): Promise<void> => {
    while (queue.length > 0) {
      let batch: Waiting<Item, Result>[] | undefined;
      let items: readonly Item[] = [];
      const take = (): readonly Item[] => {
        if (batch === undefined) {
          batch = takeFrom(queue);
          items = batch.map((waiting) => waiting.item);
        }
        return items;
      };
      try {
        const results = await work(lane, take);
        (batch ?? []).forEach((waiting, index) => {
          waiting.resolve(results[index] as Result);
        });
      } catch (error) {
        take();
        for (const waiting of batch ?? []) waiting.reject(error);
      }
    }
    lanes.delete(lane);
  };

  return (lane, item) =>
    new Promise<Result>((resolve, reject) => {
      const queue = lanes.get(lane);
      if (queue !== undefined) {
        queue.push({ item, resolve, reject });
        return;
      }
      const fresh = [{ item, resolve, reject }];
      lanes.set(lane, fresh);
      void drain(lane, fresh);
    });
}
