// The clients of scripts/bench/assist.ts, in a worker thread with their own event loop, as browsers would be: two
// sockets per pair typing by turns, each keystroke timed from its emit to its arrival on the other screen. Once all
// sockets are connected and joined the worker tells the main thread and waits for its go (the server side collects
// its heap then), so typing is measured on its own.
import { performance } from 'node:perf_hooks';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { io, type Socket } from 'socket.io-client';

const CITIZEN_FIELD = '/newAddress/text';
const STAFF_FIELD = '/phone';
const ADDRESS = 'Brīvības iela 49/53 - 12, Rīga, LV-1010';

export interface PairSetup {
  citizenToken: string;
  staffToken: string;
  applicationId: string;
  grantId: string;
}
export interface ClientJob {
  mode: 'cobrowse' | 'echo';
  url: string;
  pairs: PairSetup[];
  warmupMs: number;
  durationMs: number;
  minGapMs: number;
  maxGapMs: number;
  /** Print each measured second's p99, to see whether a tail comes from one stall or from all along. */
  timeline: boolean;
}
export interface ClientResult {
  mode: ClientJob['mode'];
  toStaff: number[];
  toCitizen: number[];
  sent: number;
  missing: number;
  refused: number;
  last: Array<{ citizen: string | null; staff: string | null }>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function runClients(job: ClientJob): Promise<ClientResult> {
  const connect = (token: string | null) =>
    new Promise<Socket>((resolve, reject) => {
      const socket = io(job.url, { transports: ['websocket'], reconnection: false, forceNew: true, ...(token ? { auth: { token } } : {}) });
      const timer = setTimeout(() => reject(new Error('connect timed out')), 30_000);
      socket.once(job.mode === 'cobrowse' ? 'ready' : 'connect', () => {
        clearTimeout(timer);
        resolve(socket);
      });
      socket.once('connect_error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
    });
  const ask = (socket: Socket, event: string, payload: unknown) =>
    new Promise<{ ok?: boolean; error?: { code: string } }>((resolve, reject) => {
      socket.timeout(30_000).emit(event, payload, (err: Error | null, answer: { ok?: boolean }) => (err ? reject(err) : resolve(answer)));
    });

  // Connect and join 20 pairs at a time (a browser would not open 400 sockets in one tick either).
  const sockets: Array<{ citizen: Socket; staff: Socket }> = [];
  for (let i = 0; i < job.pairs.length; i += 20) {
    sockets.push(
      ...(await Promise.all(
        job.pairs.slice(i, i + 20).map(async (p, k) => {
          const citizen = await connect(job.mode === 'cobrowse' ? p.citizenToken : null);
          const staff = await connect(job.mode === 'cobrowse' ? p.staffToken : null);
          if (job.mode === 'cobrowse') {
            const opened = await ask(citizen, 'cobrowse:open', { applicationId: p.applicationId });
            const joined = await ask(staff, 'cobrowse:join', { grantId: p.grantId });
            if (!opened.ok || !joined.ok) throw new Error(`pair ${i + k}: ${JSON.stringify({ opened, joined })}`);
          } else {
            await ask(citizen, 'join', { pair: i + k });
            await ask(staff, 'join', { pair: i + k });
          }
          return { citizen, staff };
        }),
      )),
    );
  }

  // Connected and joined: the server side collects the garbage of 400 connections before anyone types.
  await new Promise<void>((resolve) => {
    parentPort?.once('message', () => resolve());
    parentPort?.postMessage({ connected: true });
  });

  const toStaff: number[] = [];
  const toCitizen: number[] = [];
  let sent = 0;
  let refused = 0;
  const inFlight = new Map<string, { at: number; measured: boolean }>();
  const timeline: number[][] = [];
  const last = job.pairs.map(() => ({ citizen: null as string | null, staff: null as string | null }));
  const start = performance.now();
  const measureFrom = start + job.warmupMs;
  const stopAt = measureFrom + job.durationMs;

  sockets.forEach(({ citizen, staff }, pair) => {
    const arrive = (side: 'citizen' | 'staff') => (e: { pointer: string; value: string; by?: { type?: string } }) => {
      const from = e.by?.type;
      if (!from || from === side) return; // the echo of one's own keystroke
      const key = `${pair}|${e.pointer}|${e.value}`;
      const t = inFlight.get(key);
      if (!t) return;
      inFlight.delete(key);
      if (t.measured) {
        const ms = performance.now() - t.at;
        (side === 'staff' ? toStaff : toCitizen).push(ms);
        const sec = Math.floor((t.at - measureFrom) / 1000);
        (timeline[sec] ??= []).push(ms);
      }
    };
    const event = job.mode === 'cobrowse' ? 'cobrowse:edit' : 'edit';
    citizen.on(event, arrive('citizen'));
    staff.on(event, arrive('staff'));
  });

  await Promise.all(
    job.pairs.map(async (p, pair) => {
      const { citizen, staff } = sockets[pair];
      await sleep(Math.random() * job.maxGapMs); // pairs do not type in lockstep
      const typed = { citizen: 0, staff: 0 };
      for (let seq = 0; performance.now() < stopAt; seq += 1) {
        const side = seq % 2 === 0 ? 'citizen' : 'staff';
        typed[side] += 1;
        // A growing text, restarted now and then; the counter makes each keystroke's value unique within the pair.
        const n = typed[side];
        const value = side === 'citizen' ? `${ADDRESS.slice(0, 1 + (n % ADDRESS.length))}·${n}` : `+371 2${String(n).padStart(7, '0')}`;
        const pointer = side === 'citizen' ? CITIZEN_FIELD : STAFF_FIELD;
        const at = performance.now();
        inFlight.set(`${pair}|${pointer}|${value}`, { at, measured: at >= measureFrom });
        sent += 1;
        last[pair][side] = value;
        const socket = side === 'citizen' ? citizen : staff;
        if (job.mode === 'cobrowse') {
          const message = side === 'citizen' ? { applicationId: p.applicationId, pointer, value } : { grantId: p.grantId, pointer, value };
          socket.emit('cobrowse:edit', message, (answer: { ok?: boolean }) => {
            if (!answer?.ok) refused += 1;
          });
        } else {
          socket.emit('edit', { pair, pointer, value, by: { type: side } }, (answer: { ok?: boolean }) => {
            if (!answer?.ok) refused += 1;
          });
        }
        await sleep(job.minGapMs + Math.random() * (job.maxGapMs - job.minGapMs));
      }
    }),
  );
  await sleep(2_000); // stragglers
  const missing = [...inFlight.values()].filter((t) => t.measured).length;
  for (const { citizen, staff } of sockets) {
    citizen.disconnect();
    staff.disconnect();
  }
  if (job.timeline) {
    // Epoch milliseconds of the first measured second, to line it up with e.g. node --trace-gc (times since the start).
    const perSecond = timeline.map((xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length * 0.99)]?.toFixed(1) ?? '-');
    console.error(`[bench] ${job.mode} p99 per second from ${(performance.timeOrigin + measureFrom).toFixed(0)}: ${perSecond.join(' ')}`);
  }
  toStaff.sort((a, b) => a - b);
  toCitizen.sort((a, b) => a - b);
  return { mode: job.mode, toStaff, toCitizen, sent, missing, refused, last };
}

if (!isMainThread && (workerData as { mode?: string } | null)?.mode) {
  runClients(workerData as ClientJob).then(
    (r) => parentPort?.postMessage({ ok: true, result: r }),
    (e: unknown) => parentPort?.postMessage({ ok: false, error: String((e as Error)?.stack ?? e) }),
  );
}

/** The clients of one phase, in a worker thread; resolves with their measurements. */
export function clientsPhase(job: ClientJob, connected: () => void): Promise<ClientResult> {
  return new Promise((resolve, reject) => {
    // tsx hooks `require` in the worker as it does here.
    const worker = new Worker(`require('tsx/cjs'); require(${JSON.stringify(__filename)});`, { eval: true, workerData: job });
    worker.on('message', (m: { connected?: true; ok?: boolean; result?: ClientResult; error?: string }) => {
      if (m.connected) {
        // Each phase starts typing from a collected heap, so neither side pays for garbage the other left or for
        // its own connections (measured: a full collection then came 2–5 s into the measured seconds of
        // whichever phase, a 10–20 ms pause that showed in its p99).
        connected();
        worker.postMessage('go');
        return;
      }
      void worker.terminate();
      if (m.ok && m.result) resolve(m.result);
      else reject(new Error(m.error));
    });
    worker.once('error', reject);
  });
}
