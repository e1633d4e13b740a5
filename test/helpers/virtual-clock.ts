// A virtual clock for code that schedules with the global setTimeout (browser modules unit-tested in Node): while
// installed, the timers set by the module under test (told apart by the call stack: the API and the worker run in
// this process too, and keep real time) run only when the test advances the clock, in the order of their due
// time, so debounces and retries are tested to the millisecond without waiting.
export interface VirtualClock {
  /** Milliseconds advanced since install. */
  readonly now: number;
  /** Timers scheduled and not yet run. */
  readonly pending: number;
  /** Runs every timer due within `ms`, letting promises settle after each. */
  advance(ms: number): Promise<void>;
  uninstall(): void;
}

/** Lets every queued promise reaction run (setImmediate is not virtual, and comes after the microtasks). */
export const settle = (): Promise<void> =>
  new Promise((resolve) => {
    setImmediate(resolve);
  });

/** Virtual timers for the callers whose stack matches `scope` (e.g. the module's path); everyone else's are real. */
export function installVirtualClock(scope: RegExp): VirtualClock {
  const real = { setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout };
  const timers = new Map<symbol, { at: number; order: number; run: () => void }>();
  let now = 0;
  let order = 0;
  globalThis.setTimeout = ((fn: (...a: unknown[]) => void, ms = 0, ...args: unknown[]) => {
    if (!scope.test(new Error().stack ?? '')) return real.setTimeout(fn, ms, ...args);
    const id = Symbol('virtual timer');
    timers.set(id, { at: now + Math.max(0, Number(ms) || 0), order: order++, run: () => fn(...args) });
    return id;
  }) as unknown as typeof setTimeout;
  globalThis.clearTimeout = ((id: unknown) => {
    if (typeof id === 'symbol') timers.delete(id);
    else real.clearTimeout(id as NodeJS.Timeout);
  }) as typeof clearTimeout;
  return {
    get now() {
      return now;
    },
    get pending() {
      return timers.size;
    },
    async advance(ms: number) {
      const until = now + ms;
      await settle();
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= until).sort(([, a], [, b]) => a.at - b.at || a.order - b.order)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].run();
        await settle();
      }
      now = until;
    },
    uninstall() {
      timers.clear();
      globalThis.setTimeout = real.setTimeout;
      globalThis.clearTimeout = real.clearTimeout;
    },
  };
}
