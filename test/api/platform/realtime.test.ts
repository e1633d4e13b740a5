// Live status over Socket.IO: a status change posted by an agency system reaches the citizen's open connections as
// a `case:status` event, and nobody else's. No timing is measured; a generous timeout only stops a hung test.
import { expect } from 'chai';
import { io, type Socket } from 'socket.io-client';
import { stack } from '../../setup';
import { call, tokenFor } from '../../helpers/http';
import { uniqueSuffix } from '../../helpers/cases';
import { waitFor } from '../../helpers/wait';
import { loadConfig } from '../../../forms/config';
import { startApi } from '../../../api/platform/server';
import { check } from '../../../forms/validation';
import type { CaseStatusEvent } from '../../../forms/types/api';

const ANNA = '15038511239';
const JANIS = '02117814569';
const WAIT_MS = 30_000; // a generous bound for events that must come: a fast run never waits it out

type StatusEvent = CaseStatusEvent;
/** Every event any client received, checked against its schema at the end. */
const received: StatusEvent[] = [];

interface Client {
  socket: Socket;
  events: StatusEvent[];
  ready: unknown;
}

const open: Socket[] = [];

async function connect(persona: string): Promise<Client> {
  const token = await tokenFor(persona);
  const socket = io(stack.api.url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  open.push(socket);
  const events: StatusEvent[] = [];
  socket.on('case:status', (e: StatusEvent) => {
    events.push(e);
    received.push(e);
  });
  const ready = await new Promise<unknown>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${persona}: no 'ready' event in ${WAIT_MS} ms`)), WAIT_MS);
    socket.once('ready', (payload: unknown) => {
      clearTimeout(timer);
      resolve(payload);
    });
    socket.once('connect_error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
  return { socket, events, ready };
}

/** Resolves with the first event (already received or arriving later) that matches; rejects after WAIT_MS. */
function nextEvent(client: Client, what: string, match: (e: StatusEvent) => boolean): Promise<StatusEvent> {
  const already = client.events.find(match);
  if (already) return Promise.resolve(already);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.socket.off('case:status', listener);
      reject(new Error(`no case:status event for ${what} within ${WAIT_MS} ms; got ${JSON.stringify(client.events)}`));
    }, WAIT_MS);
    const listener = (e: StatusEvent) => {
      if (!match(e)) return;
      clearTimeout(timer);
      client.socket.off('case:status', listener);
      resolve(e);
    };
    client.socket.on('case:status', listener);
  });
}

async function createCase(recipient: string, extra: Record<string, unknown> = {}) {
  const res = await call('POST', '/api/v1/cases', {
    as: 'system-pmlp',
    json: {
      externalId: `RT-${uniqueSuffix()}`,
      serviceId: 'residence-declaration',
      channel: 'eservice',
      recipient: { type: 'natural', id: recipient },
      ...extra,
    },
  });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body.id as string;
}

async function changeStatus(id: string, status: string, label?: string) {
  const res = await call('POST', `/api/v1/cases/${id}/status`, { as: 'system-pmlp', json: label ? { status, label } : { status } });
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
}

describe('api/platform/realtime', () => {
  afterEach(() => {
    for (const s of open.splice(0)) s.disconnect();
  });

  it('joins a citizen to the room of her person', async () => {
    const anna = await connect('citizen-anna');
    expect(anna.ready).to.deep.equal({ rooms: [`person:natural:${ANNA}`] });
    const system = await connect('system-pmlp');
    expect(system.ready).to.deep.equal({ rooms: [] });
    expect(check('socket-ready-event', anna.ready), 'ready off forms/api/socket-ready-event.schema.json').to.equal(null);
    expect(check('socket-ready-event', system.ready), 'ready off forms/api/socket-ready-event.schema.json').to.equal(null);
  });

  it('pushes a status change to the citizen whose case it is, and not to another citizen', async () => {
    const anna = await connect('citizen-anna');
    const janis = await connect('citizen-janis');
    const annaCase = await createCase(ANNA);
    const janisCase = await createCase(JANIS);

    // Registering the case is itself a status event for its recipient.
    const registered = await nextEvent(anna, 'registration', (e) => e.caseId === annaCase);
    expect(registered).to.include({ caseId: annaCase, status: 'submitted', agencyId: 'pmlp', serviceId: 'residence-declaration' });

    await changeStatus(annaCase, 'in_progress', 'Pārbauda dokumentus');
    const event = await nextEvent(anna, 'in_progress', (e) => e.caseId === annaCase && e.status === 'in_progress');
    expect(event).to.include({ caseId: annaCase, status: 'in_progress', label: 'Pārbauda dokumentus', agencyId: 'pmlp' });
    expect(event.eventId).to.be.a('number').greaterThan(registered.eventId);
    expect(Date.parse(event.at)).to.be.a('number').and.not.NaN;

    // Janis's own later change reaches him, so anything meant for him about Anna's case would have arrived by now.
    await changeStatus(janisCase, 'answered');
    await nextEvent(janis, 'his own case', (e) => e.caseId === janisCase && e.status === 'answered');
    expect(janis.events.filter((e) => e.caseId === annaCase)).to.deep.equal([]);
    expect(anna.events.filter((e) => e.caseId === janisCase)).to.deep.equal([]);
  });

  it('delivers each change once, in order, to every open connection of the citizen', async () => {
    const phone = await connect('citizen-anna');
    const laptop = await connect('citizen-anna');
    const id = await createCase(ANNA);
    await nextEvent(phone, 'registration', (e) => e.caseId === id);
    for (const status of ['in_progress', 'info_requested', 'in_progress', 'completed']) await changeStatus(id, status);
    for (const client of [phone, laptop]) {
      await waitFor('five events', async () => client.events.filter((e) => e.caseId === id).length >= 5, WAIT_MS, 20);
      // Events carry their id, so a client can order them even if two arrive out of order.
      const mine = client.events.filter((e) => e.caseId === id).sort((a, b) => a.eventId - b.eventId);
      expect(mine.map((e) => e.status)).to.deep.equal(['submitted', 'in_progress', 'info_requested', 'in_progress', 'completed']);
      expect(new Set(mine.map((e) => e.eventId)).size).to.equal(5);
    }
    // Nothing is delivered twice: a later change of another case arrives and the count is still five.
    const other = await createCase(ANNA);
    await nextEvent(phone, 'another case', (e) => e.caseId === other);
    await nextEvent(laptop, 'another case', (e) => e.caseId === other);
    expect(phone.events.filter((e) => e.caseId === id)).to.have.length(5);
    expect(laptop.events.filter((e) => e.caseId === id)).to.have.length(5);
  });

  it('pushes a change to the representative as well as the recipient', async () => {
    // Jānis's case, with Anna acting for him by mandate: both are signed in, both hear of the rejection.
    const [anna, janis] = [await connect('citizen-anna'), await connect('citizen-janis')];
    const id = await createCase(JANIS, { representative: { type: 'natural', id: ANNA, basis: 'mandate' } });
    await changeStatus(id, 'rejected');
    for (const [who, client] of [
      ['representative', anna],
      ['recipient', janis],
    ] as const) {
      const event = await nextEvent(client, `${who}: represented case`, (e) => e.caseId === id && e.status === 'rejected');
      expect(event, who).to.deep.include({ caseId: id, status: 'rejected', agencyId: 'pmlp', serviceId: 'residence-declaration' });
    }
  });

  it('sent every event above in the shape of forms/api/case-status-event.schema.json', () => {
    expect(received.length, 'the tests above received events').to.be.greaterThan(0);
    const offSchema = received.map((e) => check('case-status-event', e)).filter((problems) => problems !== null);
    expect(offSchema).to.deep.equal([]);
  });

  it('refuses a connection without a token or with an invalid one', async () => {
    for (const auth of [{}, { token: 'not-a-token' }, { token: 42 }]) {
      const socket = io(stack.api.url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
      open.push(socket);
      const outcome = await new Promise<{ connected: boolean; error?: Error & { data?: { code?: string } } }>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`neither connect nor connect_error in ${WAIT_MS} ms`)), WAIT_MS);
        socket.once('connect', () => {
          clearTimeout(timer);
          resolve({ connected: true });
        });
        socket.once('connect_error', (error) => {
          clearTimeout(timer);
          resolve({ connected: false, error });
        });
      });
      expect(outcome.connected, JSON.stringify(auth)).to.equal(false);
      expect(outcome.error?.message).to.equal('unauthenticated');
      expect(outcome.error?.data?.code).to.equal('unauthenticated');
      expect(socket.connected).to.equal(false);
    }
  });
  describe('Origin', () => {
    /** Connects with the given Origin header (none when undefined): connected, or the connect_error's message. */
    async function attempt(url: string, origin: string | undefined, token?: string): Promise<string> {
      const socket = io(url, {
        auth: token === undefined ? {} : { token },
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        ...(origin === undefined ? {} : { extraHeaders: { origin } }),
      });
      open.push(socket);
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`neither connect nor connect_error in ${WAIT_MS} ms`)), WAIT_MS);
        socket.once('connect', () => {
          clearTimeout(timer);
          resolve('connected');
        });
        socket.once('connect_error', (error) => {
          clearTimeout(timer);
          resolve(error.message);
        });
      });
    }

    it("lets browsers in from the platform's own origin only; clients without an Origin need a valid token", async () => {
      const token = await tokenFor('citizen-anna');
      expect(await attempt(stack.api.url, stack.api.url, token), 'the origin it is reached at').to.equal('connected');
      for (const foreign of [
        'https://evil.example',
        'http://127.0.0.1.evil.example',
        'null',
        `${stack.api.url.replace('127.0.0.1', 'localhost')}`,
      ]) {
        expect(await attempt(stack.api.url, foreign, token), foreign).not.to.equal('connected');
      }
      expect(await attempt(stack.api.url, undefined, token), 'no Origin, valid token').to.equal('connected');
      expect(await attempt(stack.api.url, undefined), 'no Origin, no token').to.equal('unauthenticated');
    });

    it("lets in PUBLIC_URL's origin and ALLOWED_ORIGINS, and nothing else", async function () {
      this.timeout(30_000);
      const api = await startApi(
        loadConfig({
          NODE_ENV: 'test',
          PORT: '0',
          HOST: '127.0.0.1',
          DATABASE_URL: stack.appDatabaseUrl,
          TEMPORAL_ADDRESS: stack.temporal.address,
          TEMPORAL_TASK_QUEUE: stack.taskQueue,
          DATA_DIR: stack.dataDir,
          LOG_LEVEL: 'silent',
          PUBLIC_URL: 'https://portal.example.lv/app',
          ALLOWED_ORIGINS: 'https://partner.example.lv, https://kiosk.example.lv:8443',
        }),
        { db: stack.appDb, adapters: stack.adapters },
      );
      try {
        const token = await tokenFor('citizen-anna');
        for (const allowed of ['https://portal.example.lv', 'https://partner.example.lv', 'https://kiosk.example.lv:8443']) {
          expect(await attempt(api.url, allowed, token), allowed).to.equal('connected');
        }
        for (const refused of ['http://portal.example.lv', 'https://kiosk.example.lv', 'https://evil.example.lv']) {
          expect(await attempt(api.url, refused, token), refused).not.to.equal('connected');
        }
      } finally {
        for (const socket of open) socket.disconnect();
        await api.close();
      }
    });
  });
});
