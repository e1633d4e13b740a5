// Co-browsing peers for tests: a Socket.IO client signed in as a persona that records every co-browse event and
// keeps the form as its screen would show it (a field update older than the one held is ignored, as in the UI);
// and the session the test/api/assist/*.test.ts files share (a citizen with a staff member joined).
import { expect } from 'chai';
import { io, type Socket, type ManagerOptions, type SocketOptions } from 'socket.io-client';
import { stack } from '../setup';
import { call, tokenFor } from './http';
import { waitFor } from './wait';
import { setPointer } from '../../forms/eservice-definition/expressions';
import { API_SCHEMA_BASE, createValidator } from '../../forms/validator';
import { toDetails } from '../../forms/validation';
import type { AssistEdit, AssistEndedEvent, AssistModeEvent, AssistPresence, AssistWatchersEvent } from '../../forms/types/api';

/** How long a test waits for an event that must come (a generous bound: a fast run never waits it out). */
export const WAIT_MS = 30_000;
export const ANNA = '15038511239';
export const JANIS = '02117814569';
export const STAFF = 'staff-vpvkac-riga';
export const SUPPORT = 'support-specialist';

export type EditEvent = AssistEdit;

// Every co-browse event a peer receives and every answer to its requests is checked against its schema in
// forms/api/assist-socket.schema.json; closePeers() fails the test that received one off its schema. Presence is
// not (the event, and a snapshot's): the server relays it as the citizen's screen sent it, and these tests send
// shapes of their own.
const socketSchemas = createValidator({ strict: true, useDefaults: false, schemas: ['api'] });
const EVENT_SCHEMAS: Record<string, string> = {
  'cobrowse:edit': 'assistEdit',
  'cobrowse:watchers': 'assistWatchersEvent',
  'cobrowse:ended': 'assistEndedEvent',
  'cobrowse:mode': 'assistModeEvent',
  'cobrowse:status': 'assistStatusEvent',
};
const ACK_SCHEMAS: Record<string, string> = {
  'cobrowse:open': 'assistOpenAck',
  'cobrowse:join': 'assistJoinAck',
  'cobrowse:edit': 'assistEditAck',
  'cobrowse:reveal': 'assistRevealAck',
  'cobrowse:leave': 'assistLeaveAck',
};
const offSchema: string[] = [];

function checkPayload(what: string, definition: string | undefined, payload: unknown): void {
  if (!definition) return;
  const validate = socketSchemas.getSchema(`${API_SCHEMA_BASE}assist-socket.schema.json#/$defs/${definition}`);
  if (!validate) throw new Error(`no schema ${definition} in forms/api/assist-socket.schema.json`);
  const snapshot = (payload as { snapshot?: unknown } | null)?.snapshot;
  if (snapshot && typeof snapshot === 'object' && 'presence' in snapshot)
    payload = { ...(payload as object), snapshot: { ...snapshot, presence: null } };
  if (!validate(payload)) offSchema.push(`${what}: ${JSON.stringify(toDetails(validate.errors))} in ${JSON.stringify(payload)}`);
}

export interface Peer {
  persona: string;
  socket: Socket;
  edits: EditEvent[];
  presence: AssistPresence[];
  watchers: AssistWatchersEvent[];
  ended: AssistEndedEvent[];
  modes: AssistModeEvent[];
  /** The form as this screen shows it: the snapshot, then every newer field update. */
  data: Record<string, unknown>;
  versions: Record<string, number>;
  /** Applies a snapshot (from cobrowse:open or cobrowse:join) to the screen, keeping field updates newer than it. */
  load(snapshot: { applicationId: string; data: Record<string, unknown>; fieldVersions: Record<string, number> }): void;
  close(): void;
}

const peers: Peer[] = [];

/** Connects a persona (to the test API unless `url` is given) and waits for the server's `ready`. */
export async function connectPeer(
  persona: string,
  opts: { url?: string; io?: Partial<ManagerOptions & SocketOptions> } = {},
): Promise<Peer> {
  const token = await tokenFor(persona);
  const socket = io(opts.url ?? stack.api.url, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...opts.io,
  });
  const peer: Peer = {
    persona,
    socket,
    edits: [],
    presence: [],
    watchers: [],
    ended: [],
    modes: [],
    data: {},
    versions: {},
    load(snapshot) {
      // A live update may overtake the snapshot's acknowledgement: whatever is newer than the snapshot stays.
      peer.data = snapshot.data;
      peer.versions = { ...snapshot.fieldVersions };
      for (const e of peer.edits) if (e.applicationId === snapshot.applicationId) apply(e);
    },
    close() {
      socket.disconnect();
    },
  };
  const apply = (e: EditEvent) => {
    if ((peer.versions[e.pointer] ?? 0) < e.version) {
      peer.data = setPointer(peer.data, e.pointer, e.value);
      peer.versions[e.pointer] = e.version;
    }
  };
  socket.onAny((event: string, payload: unknown) => checkPayload(`${persona} received ${event}`, EVENT_SCHEMAS[event], payload));
  socket.on('cobrowse:edit', (e: EditEvent) => {
    peer.edits.push(e);
    apply(e);
  });
  socket.on('cobrowse:presence', (p: AssistPresence) => {
    peer.presence.push(p);
  });
  socket.on('cobrowse:watchers', (w: Peer['watchers'][number]) => {
    peer.watchers.push(w);
  });
  socket.on('cobrowse:ended', (e: Peer['ended'][number]) => {
    peer.ended.push(e);
  });
  socket.on('cobrowse:mode', (m: Peer['modes'][number]) => {
    peer.modes.push(m);
  });
  peers.push(peer);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${persona}: no 'ready' in ${WAIT_MS} ms`)), WAIT_MS);
    socket.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('connect_error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
  return peer;
}

export function closePeers(): void {
  for (const p of peers.splice(0)) p.close();
  expect(offSchema.splice(0), 'co-browse payloads off their schema (forms/api/assist-socket.schema.json)').to.deep.equal([]);
}

/** Emits with an acknowledgement and resolves with the answer. */
export function request<T = any>(peer: Peer, event: string, payload: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    peer.socket.timeout(WAIT_MS).emit(event, payload, (err: Error | null, answer: T) => {
      if (err) return reject(new Error(`${peer.persona} ${event}: ${err.message}`));
      checkPayload(`${peer.persona}'s ${event} answered`, ACK_SCHEMAS[event], answer);
      resolve(answer);
    });
  });
}

/**
 * A request answered over the peer's own connection. One connection keeps the server's order, so anything the
 * server sent this peer before answering has arrived when this resolves: after a witness on the same node got a
 * broadcast, this proves the peer was not in it (no grace period needed).
 */
export async function roundTrip(peer: Peer): Promise<void> {
  const answer = await request<{ ok: boolean }>(peer, 'draft:save', {}); // invalid on purpose: answered, changes nothing
  expect(answer.ok).to.equal(false);
}

/** Waits until the list holds an item that matches and returns it. */
export function arrived<T>(peer: Peer, what: string, list: () => T[], match: (x: T) => boolean = () => true): Promise<T> {
  return waitFor(`${peer.persona}: ${what}`, async () => list().find(match), WAIT_MS, 10);
}

export const editArrived = (peer: Peer, what: string, match: (e: EditEvent) => boolean) => arrived(peer, what, () => peer.edits, match);

/** Opens a residence declaration for a citizen and waits for the prefill from the population register. */
export async function openPrefilled(
  as = 'citizen-anna',
  eserviceId = 'residence-declaration',
): Promise<{ id: string; draft: { version: number; data: Record<string, any> } }> {
  const opened = await call('POST', '/api/v1/applications', { as, json: { eserviceId } });
  expect(opened.status, JSON.stringify(opened.body)).to.equal(201);
  return waitFor('prefill', async () => {
    const r = await call('GET', `/api/v1/applications/${opened.body.id}`, { as });
    return r.body.draft.data.applicant?.givenName ? r.body : null;
  });
}

/** The citizen creates a join code; the staff member redeems it. */
export async function grantFor(
  applicationId: string | null,
  mode: 'view' | 'assist',
  staff = STAFF,
  citizen = 'citizen-anna',
  url?: string,
): Promise<{ code: string; grantId: string }> {
  const created = await call('POST', '/api/v1/assist-codes', {
    as: citizen,
    json: applicationId ? { scope: 'application', applicationId, mode } : { scope: 'portal', mode },
  });
  expect(created.status, JSON.stringify(created.body)).to.equal(201);
  const redeemed = url
    ? await fetch(`${url}/api/v1/assist-sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor(staff)}` },
        body: JSON.stringify({ code: created.body.code }),
      }).then(async (r) => ({ status: r.status, body: await r.json() }))
    : await call('POST', '/api/v1/assist-sessions', { as: staff, json: { code: created.body.code } });
  expect(redeemed.status, JSON.stringify(redeemed.body)).to.equal(201);
  return { code: created.body.code, grantId: redeemed.body.grant.id };
}

/** Audit rows written after `sinceId` that match. */
export async function auditRows(
  sinceId: number,
  where: { actor?: string; purpose?: string; resource?: string },
): Promise<Array<Record<string, any>>> {
  const { rows } = await stack.db.pool.query(
    `SELECT * FROM audit_log WHERE id > $1 AND ($2::text IS NULL OR actor_id = $2) AND ($3::text IS NULL OR purpose = $3)
       AND ($4::text IS NULL OR resource = $4) ORDER BY id`,
    [sinceId, where.actor ?? null, where.purpose ?? null, where.resource ?? null],
  );
  return rows;
}

export async function lastAuditId(): Promise<number> {
  const { rows } = await stack.db.pool.query('SELECT COALESCE(max(id), 0)::int AS id FROM audit_log');
  return rows[0].id as number;
}

/** The saved draft of an application, straight from the database. */
export async function savedDraft(
  caseId: string,
): Promise<{ data: Record<string, any>; versions: Record<string, number>; savedBy: string }> {
  const { rows } = await stack.db.pool.query(
    'SELECT draft_data, draft_field_versions, draft_saved_by FROM applications WHERE case_id = $1',
    [caseId],
  );
  return { data: rows[0].draft_data, versions: rows[0].draft_field_versions, savedBy: rows[0].draft_saved_by };
}

/** Anna's application open on her screen and a staff member (or specialist) joined to it with a fresh consent. */
export async function session(mode: 'view' | 'assist', staffPersona = STAFF) {
  const app = await openPrefilled();
  const citizen = await connectPeer('citizen-anna');
  const opened = await request(citizen, 'cobrowse:open', { applicationId: app.id });
  expect(opened.ok, JSON.stringify(opened)).to.equal(true);
  citizen.load(opened.snapshot);
  const { grantId } = await grantFor(app.id, mode, staffPersona);
  const staff = await connectPeer(staffPersona);
  const joined = await request(staff, 'cobrowse:join', { grantId });
  expect(joined.ok, JSON.stringify(joined)).to.equal(true);
  staff.load(joined.snapshot);
  return { app, citizen, staff, grantId, joined };
}

/**
 * Returns once an autosave round that began after the call has ended: a marker edit to another of the citizen's
 * applications, typed now, is in the database. Rounds run one after another and take every edit queued before
 * them, so an edit queued earlier has been saved by then too (the later event that proves what did not happen).
 */
export async function afterAutosaveRound(citizen: Peer): Promise<void> {
  const marker = await openPrefilled(citizen.persona);
  const opened = await request(citizen, 'cobrowse:open', { applicationId: marker.id });
  expect(opened.ok, JSON.stringify(opened)).to.equal(true);
  const value = `marker-${marker.id.toLowerCase()}@example.lv`;
  expect((await edit(citizen, { applicationId: marker.id, pointer: '/email', value })).ok).to.equal(true);
  await waitFor('the marker edit autosaved', async () => (await savedDraft(marker.id)).data.email === value);
}

/** A co-browse edit from a peer (citizen: `applicationId`; staff: `grantId`), resolving with the server's answer. */
export const edit = (peer: Peer, message: Record<string, unknown>) => request(peer, 'cobrowse:edit', message);
