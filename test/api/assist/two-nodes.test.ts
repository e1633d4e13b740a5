// Two API processes behind no load balancer, sharing the test database, Temporal, signing keys and the local Redis:
// the citizen is connected to node A, the staff member to node B, and they co-browse as if on one node (the Redis
// streams adapter carries rooms and broadcasts, Redis the field versions). Each run's database name keeps its
// Redis streams and keys apart from any other run's.
import net from 'node:net';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { expect } from 'chai';
import { createClient } from 'redis';
import { stack } from '../../setup';
import { call, tokenFor } from '../../helpers/http';
import { waitFor } from '../../helpers/wait';
import { dwellingAddresses } from '../../helpers/applications';
import {
  ANNA,
  STAFF,
  arrived,
  closePeers,
  connectPeer,
  editArrived,
  grantFor,
  openPrefilled,
  request,
  roundTrip,
  savedDraft,
  type Peer,
} from '../../helpers/assist';

const ROOT = path.resolve(__dirname, '../../..');
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ADDRESS = dwellingAddresses[1];

interface Node {
  name: string;
  url: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

async function startNode(name: string): Promise<Node> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'api/platform/server.ts')], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: stack.appDatabaseUrl,
      TEMPORAL_ADDRESS: stack.temporal.address,
      TEMPORAL_TASK_QUEUE: stack.taskQueue,
      DATA_DIR: stack.dataDir,
      REDIS_URL,
    },
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    `API node ${name}`,
    async () => {
      if (child.exitCode !== null) throw new Error(`node ${name} exited with ${child.exitCode}`);
      return (await fetch(`${url}/healthz`).catch(() => null))?.status === 200;
    },
    60_000,
    200,
  );
  return { name, url, child, exited };
}

/** fetch against one node, signed in as a persona. */
async function callNode(node: Node, method: string, route: string, as: string, json?: unknown) {
  const res = await fetch(`${node.url}${route}`, {
    method,
    headers: { authorization: `Bearer ${await tokenFor(as)}`, ...(json !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const edit = (peer: Peer, message: Record<string, unknown>) => request(peer, 'cobrowse:edit', message);

describe('api/assist across two API nodes (Redis)', function () {
  this.timeout(120_000);
  let a: Node;
  let b: Node;

  before(async function () {
    this.timeout(120_000);
    [a, b] = await Promise.all([startNode('A'), startNode('B')]);
  });

  after(async function () {
    this.timeout(30_000);
    for (const node of [a, b].filter(Boolean)) {
      const hard = setTimeout(() => node.child.kill('SIGKILL'), 15_000); // a node that ignores SIGTERM
      node.child.kill('SIGTERM');
      await node.exited;
      clearTimeout(hard);
    }
    // This run's streams and keys (named after its database) go with it.
    const redis = createClient({ url: REDIS_URL });
    await redis.connect();
    const space = `sdp:${new URL(stack.databaseUrl).pathname.slice(1)}:*`;
    for await (const keys of redis.scanIterator({ MATCH: space, COUNT: 500 })) if (keys.length) await redis.del(keys);
    await redis.quit();
  });

  afterEach(() => closePeers());

  /** Anna on node A with her application open; the staff member on node B, joined with a consent redeemed on B. */
  async function acrossNodes(mode: 'view' | 'assist' = 'assist') {
    const app = await openPrefilled();
    const citizen = await connectPeer('citizen-anna', { url: a.url });
    const opened = await request(citizen, 'cobrowse:open', { applicationId: app.id });
    expect(opened.ok).to.equal(true);
    citizen.load(opened.snapshot);
    const { grantId } = await grantFor(app.id, mode, STAFF, 'citizen-anna', b.url);
    const staff = await connectPeer(STAFF, { url: b.url });
    const joined = await request(staff, 'cobrowse:join', { grantId });
    expect(joined.ok, JSON.stringify(joined)).to.equal(true);
    staff.load(joined.snapshot);
    return { app, citizen, staff, grantId };
  }

  it("joins, shows the citizen's screen and carries edits both ways between the nodes", async () => {
    const { app, citizen, staff, grantId } = await acrossNodes();
    await arrived(
      citizen,
      'watchers from node B',
      () => citizen.watchers,
      (w) => w.watchers.some((x) => x.grantId === grantId),
    );
    expect(staff.data.applicant).to.deep.include({ givenName: 'Anna', personalCode: ANNA });

    citizen.socket.emit('cobrowse:presence', {
      applicationId: app.id,
      page: `/applications/${app.id}`,
      step: 'address',
      focus: '/newAddress/text',
      errors: [{ path: '/newAddress/text', message: 'too short' }],
    });
    const presence = await arrived(
      staff,
      'presence from node A',
      () => staff.presence,
      (p) => p.step === 'address',
    );
    expect(presence).to.deep.include({ applicationId: app.id, focus: '/newAddress/text' });

    const mine = await edit(citizen, { applicationId: app.id, pointer: '/newAddress/text', value: ADDRESS.text });
    expect(mine.ok).to.equal(true);
    const onB = await editArrived(staff, 'citizen edit on node B', (e) => e.pointer === '/newAddress/text');
    expect(onB).to.deep.equal({
      applicationId: app.id,
      pointer: '/newAddress/text',
      value: ADDRESS.text,
      version: mine.version,
      by: { type: 'citizen' },
    });

    const theirs = await edit(staff, { grantId, pointer: '/phone', value: '+371 26111111' });
    expect(theirs.ok).to.equal(true);
    const onA = await editArrived(citizen, 'staff edit on node A', (e) => e.pointer === '/phone');
    expect(onA).to.deep.equal({
      applicationId: app.id,
      pointer: '/phone',
      value: '+371 26111111',
      version: theirs.version,
      by: { type: 'staff', id: STAFF, name: 'Laura Kļaviņa', office: 'vpvkac-riga' },
    });

    // Both typing into one field on different nodes: versions come from one place, so both screens converge.
    const acks = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        i % 2 === 0
          ? edit(citizen, { applicationId: app.id, pointer: '/email', value: `citizen${i}@example.lv` })
          : edit(staff, { grantId, pointer: '/email', value: `staff${i}@example.lv` }),
      ),
    );
    const versions = acks.map((x) => x.version as number);
    expect(new Set(versions).size).to.equal(10);
    const top = Math.max(...versions);
    for (const peer of [citizen, staff])
      await waitFor(`${peer.persona} converged`, async () => peer.versions['/email'] === top, 60_000, 10);
    expect(citizen.data).to.deep.equal(staff.data);

    // Autosaved by whichever node took the edit; a late join on node A sees the same.
    const saved = await waitFor(
      'autosave',
      async () => {
        const d = await savedDraft(app.id);
        return d.versions['/email'] === top && d.data.phone === '+371 26111111' ? d : null;
      },
      60_000,
      50,
    );
    expect(saved.data).to.deep.equal(citizen.data);
    const staffOnA = await connectPeer(STAFF, { url: a.url });
    const again = await request(staffOnA, 'cobrowse:join', { grantId });
    expect(again.snapshot.data).to.deep.equal(citizen.data);
    expect(again.snapshot.presence.step).to.equal('address');
  });

  it("ends the staff member's access on node B at once when the citizen revokes through node A", async () => {
    const { app, citizen, staff, grantId } = await acrossNodes();
    const revoked = await callNode(a, 'POST', `/api/v1/assist-grants/${grantId}/revoke`, 'citizen-anna');
    expect(revoked.status).to.equal(200);
    const ended = await arrived(
      staff,
      'ended on node B',
      () => staff.ended,
      (e) => e.grantId === grantId,
    );
    expect(ended.reason).to.equal('revoked');
    await arrived(
      citizen,
      'nobody watches',
      () => citizen.watchers,
      (w) => w.watchers.length === 0,
    );
    // A witness on node B (Anna's second screen): once it has her edit, node B has broadcast it; the staff
    // member's round trip to node B then brings anything node B sent him before.
    const witness = await connectPeer('citizen-anna', { url: b.url });
    expect((await request(witness, 'cobrowse:open', { applicationId: app.id })).ok).to.equal(true);
    const before = staff.edits.length;
    await edit(citizen, { applicationId: app.id, pointer: '/email', value: 'after@example.lv' });
    await editArrived(witness, 'her edit on node B', (e) => e.value === 'after@example.lv');
    await roundTrip(staff);
    expect(staff.edits.slice(before)).to.deep.equal([]);
    const refused = await edit(staff, { grantId, pointer: '/phone', value: '+371 26111112' });
    expect(refused.error.code).to.equal('no_consent');
    const submit = await callNode(b, 'POST', `/api/v1/applications/${app.id}/submit-on-behalf`, STAFF, { grantId });
    expect(submit.status).to.equal(403);
  });

  it('submits through node B what the citizen typed on node A a moment before', async () => {
    const { app, citizen, staff, grantId } = await acrossNodes();
    expect(staff.data).to.deep.equal(citizen.data);
    for (const [pointer, value] of [
      ['/newAddress/text', ADDRESS.text],
      ['/newAddress/code', ADDRESS.code],
      ['/residenceBasis', 'family-member'],
      ['/declarationDate', '2026-12-04'],
    ] as const) {
      expect((await edit(staff, { grantId, pointer, value })).ok).to.equal(true);
    }
    // The last field is typed on node A and waits in node A's autosave queue when node B submits.
    expect((await edit(citizen, { applicationId: app.id, pointer: '/confirm', value: true })).ok).to.equal(true);
    const submitted = await callNode(b, 'POST', `/api/v1/applications/${app.id}/submit-on-behalf`, STAFF, { grantId });
    expect(submitted.status, JSON.stringify(submitted.body)).to.equal(200);
    expect(submitted.body.basis).to.equal('consent');
    const { rows } = await stack.db.pool.query(
      'SELECT c.acting_basis, c.acting_office_id, c.channel, a.submitted_data FROM cases c JOIN applications a ON a.case_id = c.id WHERE c.id = $1',
      [app.id],
    );
    expect(rows[0]).to.deep.include({ acting_basis: 'consent', acting_office_id: 'vpvkac-riga', channel: 'in_person' });
    expect(rows[0].submitted_data).to.deep.include({ confirm: true, residenceBasis: 'family-member' });
    // Submitted through node B: node A refuses the citizen's next edit at once too (the mark is in Redis).
    expect((await edit(citizen, { applicationId: app.id, pointer: '/email', value: 'late@example.lv' })).error.code).to.equal('not_draft');
    expect((await edit(staff, { grantId, pointer: '/phone', value: '+371 26111113' })).error.code).to.equal('not_draft');
    await waitFor('officer task', async () =>
      (await call('GET', '/api/v1/tasks', { as: 'officer-pmlp' })).body.items.find((t: any) => t.caseId === app.id),
    );
  });

  it('recovers a dropped staff connection on the other node with nothing lost', async () => {
    const { app, citizen, staff: first, grantId } = await acrossNodes();
    first.close();
    // Reconnected by the test once the citizen has typed (the same socket, so it asks for recovery), not after a
    // delay the typing has to beat.
    const staff = await connectPeer(STAFF, { url: b.url, io: { reconnection: false } });
    staff.load((await request(staff, 'cobrowse:join', { grantId })).snapshot);
    await edit(citizen, { applicationId: app.id, pointer: '/email', value: 'before@example.lv' });
    await editArrived(staff, 'before', (e) => e.value === 'before@example.lv');
    // The load balancer sends the reconnection to node A this time.
    const disconnected = new Promise<void>((resolve) => staff.socket.once('disconnect', () => resolve()));
    (staff.socket.io as unknown as { uri: string }).uri = a.url;
    staff.socket.io.engine.close();
    await disconnected;
    for (const v of ['1', '12', '123']) await edit(citizen, { applicationId: app.id, pointer: '/phone', value: `+371 26000${v}` });
    const reconnected = new Promise<void>((resolve) => staff.socket.once('connect', () => resolve()));
    staff.socket.connect();
    await reconnected;
    expect(staff.socket.recovered, 'state recovered on node A').to.equal(true);
    await editArrived(staff, 'missed edits', (e) => e.value === '+371 26000123');
    expect(staff.edits.filter((e) => e.pointer === '/phone').map((e) => e.value)).to.deep.equal([
      '+371 260001',
      '+371 2600012',
      '+371 26000123',
    ]);
    const theirs = await edit(staff, { grantId, pointer: '/residenceBasis', value: 'owner' });
    expect(theirs.ok).to.equal(true);
    await editArrived(citizen, 'edit from node A', (e) => e.pointer === '/residenceBasis');
    const resync = await request(staff, 'cobrowse:join', { grantId });
    expect(resync.snapshot.data).to.deep.equal(staff.data);
    expect(staff.data).to.deep.equal(citizen.data);
  });
});
