// What every role's contract suite shares: how to reach the simulator behind an adapter, set its faults, and the
// fault behaviour every adapter must show (an unavailable system is always SystemUnavailableError, never a
// wrong answer).
import crypto from 'node:crypto';
import { expect } from 'chai';
import { SystemUnavailableError, type CallContext } from '../../../../activities/adapters/contracts/common';
import { adapterBackends, type AdapterRole, type Adapters } from '../../../../activities/adapters';
import { validateAdapterOptions } from '../../../../activities/adapters/options';
import { FAILING } from '../../../../activities/adapters/failing/client';

export interface ContractTarget<T> {
  backend: string;
  /** The adapter pointed at the running simulator (or at `baseUrl`). */
  make(options?: { timeoutMs?: number; baseUrl?: string }): T;
  simulatorUrl(): string;
}

/** One target per registered backend of the role that talks to a real system (all but the failing one). */
export function realTargets<R extends AdapterRole>(role: R, simulatorUrl: () => string): Array<ContractTarget<Adapters[R]>> {
  const backends = adapterBackends[role] as Record<string, { factory(o: unknown): Adapters[R]; optionsSchema: object }>;
  return Object.entries(backends)
    .filter(([id]) => id !== FAILING)
    .map(([id, b]) => ({
      backend: id,
      simulatorUrl,
      make: (options = {}) => b.factory(validateAdapterOptions(role, id, b.optionsSchema, { baseUrl: simulatorUrl(), ...options })),
    }));
}

export const ctx = (step = 'test'): CallContext => ({
  idempotencyKey: `test:${crypto.randomUUID()}/step:${step}`,
  requestId: crypto.randomUUID(),
});

export async function setFaults(simulatorUrl: string, faults: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${simulatorUrl}/_faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(faults),
  });
  expect(res.status, await res.text()).to.equal(200);
}

/** How many requests the simulator's latency holds back now (GET /_faults/waiting). */
export async function waitingAt(simulatorUrl: string): Promise<number> {
  const res = await fetch(`${simulatorUrl}/_faults/waiting`);
  expect(res.status).to.equal(200);
  return ((await res.json()) as { waiting: number }).waiting;
}

export async function clearFaults(simulatorUrl: string): Promise<void> {
  const res = await fetch(`${simulatorUrl}/_faults`, { method: 'DELETE' });
  expect(res.status).to.equal(200);
}

export async function expectUnavailable(call: Promise<unknown>): Promise<SystemUnavailableError> {
  try {
    await call;
  } catch (err) {
    expect(err, String(err)).to.be.instanceOf(SystemUnavailableError);
    expect((err as SystemUnavailableError).retryable).to.equal(true);
    return err as SystemUnavailableError;
  }
  throw new Error('expected SystemUnavailableError, but the call succeeded');
}

/** A URL where nothing listens (the port of a server that was just closed would also do; port 9 is discard). */
export const UNREACHABLE_URL = 'http://127.0.0.1:9';

/** The fault behaviour every adapter shares; `calls` exercise every method of the role. */
export function faultBehaviour<T extends { checkConfig(): Promise<{ ok: boolean; message: string }> }>(
  target: ContractTarget<T>,
  calls: Record<string, (adapter: T) => Promise<unknown>>,
): void {
  describe('faults', () => {
    afterEach(() => clearFaults(target.simulatorUrl()));

    it('throws SystemUnavailableError from every call during an outage', async () => {
      await setFaults(target.simulatorUrl(), { outage: true });
      const adapter = target.make();
      for (const call of Object.values(calls)) await expectUnavailable(call(adapter));
    });

    it('throws SystemUnavailableError when every call fails with 503', async () => {
      await setFaults(target.simulatorUrl(), { errorRate: 1 });
      const adapter = target.make();
      for (const call of Object.values(calls)) await expectUnavailable(call(adapter));
    });

    it('throws SystemUnavailableError when the answer comes after the timeout', async () => {
      // The simulator holds every answer for two minutes (released by the reset after the test): the adapter must
      // give up on its own, while the simulator still holds its requests, unanswered.
      await setFaults(target.simulatorUrl(), { latencyMs: 120_000 });
      const adapter = target.make({ timeoutMs: 150 });
      const errors = await Promise.all(Object.values(calls).map((call) => expectUnavailable(call(adapter))));
      for (const err of errors) expect(err.message).to.match(/no answer within 150 ms/);
      expect(await waitingAt(target.simulatorUrl()), 'requests the simulator still holds').to.be.at.least(errors.length);
    });

    it('throws SystemUnavailableError when nothing listens at the URL', async () => {
      const adapter = target.make({ baseUrl: UNREACHABLE_URL });
      for (const call of Object.values(calls)) await expectUnavailable(call(adapter));
    });

    it('answers the configuration check: ok against its system, not ok when unreachable', async () => {
      expect(await target.make().checkConfig()).to.include({ ok: true });
      const unreachable = await target.make({ baseUrl: UNREACHABLE_URL, timeoutMs: 500 }).checkConfig();
      expect(unreachable.ok).to.equal(false);
      expect(unreachable.message).to.match(/cannot reach/);
    });
  });
}
