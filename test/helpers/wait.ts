// Polling helper: waits for a condition with a generous timeout (never a timing assertion).
export async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined | null | false>,
  timeoutMs = 60_000,
  everyMs = 150,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await nextPoll(everyMs);
  }
}

/** The pause between two looks of a polling loop that has its own condition and deadline (never a wait for
 * something to have happened: that is waitFor). */
export function nextPoll(everyMs: number): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, everyMs);
  });
}
