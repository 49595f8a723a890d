/**
 * `Array.map` for async work done one item at a time, in order. Store work inside a transaction
 * must not interleave (a batch's second request sees the first), and one connection runs one
 * statement at a time anyway, so there is nothing to gain from running them side by side.
 */
export async function mapInOrder<T, R>(items: Iterable<T>, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  let i = 0;
  for (const item of items) out.push(await fn(item, i++));
  return out;
}
