// Awaiting a condition nothing emits an event for (a file's size, a listener count), without
// sleeping: re-checked after each turn of the event loop, failing the test after `ms`.
export async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}
