/** Every item of an async iterable, in order (what `Array.fromAsync` does on Node 22+). */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}
