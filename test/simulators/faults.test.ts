// The shared fault injection, through a real simulator: error rate, outage, latency (a request seen held, never
// timed), reset, and env variables.
import { expect } from 'chai';
import { startPopulationRegisterSimulator } from '../../simulators/population-register/server';
import { faultsFromEnv, NO_FAULTS } from '../../simulators/faults';
import type { RunningSimulator } from '../../simulators/app';
import { waitFor } from '../helpers/wait';

describe('simulators/faults', () => {
  let sim: RunningSimulator;
  before(async () => {
    sim = await startPopulationRegisterSimulator({ port: 0, faults: {} });
  });
  after(() => sim?.close());
  afterEach(() => fetch(`${sim.url}/_faults`, { method: 'DELETE' }));

  const setFaults = (body: unknown) =>
    fetch(`${sim.url}/_faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const status = async (path: string) => (await fetch(`${sim.url}${path}`)).status;
  const waiting = async () => ((await (await fetch(`${sim.url}/_faults/waiting`)).json()) as { waiting: number }).waiting;

  async function failures(calls: number): Promise<number> {
    let failed = 0;
    for (let done = 0; done < calls; done += 50) {
      const statuses = await Promise.all(Array.from({ length: 50 }, () => status('/persons/15038511239')));
      for (const s of statuses) {
        if (s === 503) failed += 1;
        else expect(s).to.equal(200);
      }
    }
    return failed;
  }

  it('fails roughly the configured share of calls, and DELETE resets', async () => {
    expect((await setFaults({ errorRate: 0.3 })).status).to.equal(200);
    const failed = await failures(400);
    expect(failed / 400).to.be.within(0.15, 0.45);
    const reset = await fetch(`${sim.url}/_faults`, { method: 'DELETE' });
    expect(await reset.json()).to.deep.equal(NO_FAULTS);
    expect(await failures(100)).to.equal(0);
  });

  it('reads and merges the fault state', async () => {
    await setFaults({ errorRate: 0.5 });
    await setFaults({ latencyMs: 10 });
    expect(await (await fetch(`${sim.url}/_faults`)).json()).to.deep.equal({ errorRate: 0.5, latencyMs: 10, outage: false });
  });

  it('answers an outage with 503 in the error shape, except for /healthz and /_faults', async () => {
    await setFaults({ outage: true });
    const res = await fetch(`${sim.url}/persons/15038511239`);
    expect(res.status).to.equal(503);
    expect(((await res.json()) as any).error.code).to.equal('outage');
    expect(await status('/healthz')).to.equal(200);
    expect(await status('/_faults')).to.equal(200);
  });

  it('holds answers back by the latency (seen held, not timed) and lets them through when the faults are reset', async () => {
    await setFaults({ latencyMs: 120_000 });
    let answered = false;
    const held = fetch(`${sim.url}/persons/15038511239`).then(async (res) => {
      answered = true;
      return { status: res.status, body: await res.json() };
    });
    await waitFor('the request held by the latency', async () => (await waiting()) === 1, 30_000);
    expect(await status('/_faults'), 'the control routes are not delayed').to.equal(200);
    expect(await waiting(), 'still held after a later request was answered').to.equal(1);
    expect(answered).to.equal(false);
    await fetch(`${sim.url}/_faults`, { method: 'DELETE' });
    const res = await held;
    expect(res.status).to.equal(200);
    expect((res.body as { person_code: string }).person_code).to.equal('15038511239');
    expect(await waiting()).to.equal(0);
  });

  it('answers a delayed request in full once its latency has passed', async () => {
    await setFaults({ latencyMs: 50 });
    expect(await status('/persons/15038511239')).to.equal(200);
    expect(await waiting()).to.equal(0);
  });

  it('rejects a bad fault patch with 400 and keeps the state', async () => {
    const res = await setFaults({ errorRate: 2, outage: 'yes', flood: true });
    expect(res.status).to.equal(400);
    const body = (await res.json()) as any;
    expect(body.error.details.map((d: any) => d.message)).to.have.length(3);
    expect(await (await fetch(`${sim.url}/_faults`)).json()).to.deep.equal(NO_FAULTS);
  });

  it('reads initial faults from SIM_* variables, the simulator-specific ones first', () => {
    expect(
      faultsFromEnv({ SIM_ERROR_RATE: '0.3', SIM_POPULATION_REGISTER_ERROR_RATE: '0.1', SIM_OUTAGE: 'true' }, 'population-register'),
    ).to.deep.equal({ errorRate: 0.1, outage: true });
    expect(faultsFromEnv({ SIM_LATENCY_MS: '250' }, 'e-address')).to.deep.equal({ latencyMs: 250 });
    expect(() => faultsFromEnv({ SIM_ERROR_RATE: 'lots' }, 'e-address')).to.throw(/e-address: bad fault variables: errorRate/);
  });
});
