// Browser sessions on the server: the httpOnly cookie, CSRF on unsafe requests, the idle timeout (and that asking
// how long is left does not extend it), sign-out here or everywhere, and live sockets closed when their session
// ends. Driven over HTTP with the cookie-keeping test browser; Socket.IO connects with the cookie as a browser does.
import { expect } from 'chai';
import { io, type Socket } from 'socket.io-client';
import { stack } from '../../../setup';
import { TestBrowser } from '../../../simulators/browser';
import { tokenFor } from '../../../helpers/http';

interface SessionBody {
  signedIn: boolean;
  principal?: { sub: string; person?: { id: string } };
  csrfToken?: string;
  idleExpiresAt?: string;
  expiresAt?: string;
}

const api = () => stack.api.url;

async function signInAs(persona: string) {
  const browser = new TestBrowser();
  const res = await browser.request(`${api()}/api/v1/auth/dev-session`, { json: { persona } });
  expect(res.status).to.equal(200);
  const body = (await res.json()) as SessionBody;
  return { browser, body, setCookie: res.headers.getSetCookie() };
}

async function sessionOf(browser: TestBrowser): Promise<SessionBody> {
  return (await (await browser.request(`${api()}/api/v1/auth/session`)).json()) as SessionBody;
}

const keyOf = (browser: TestBrowser) => browser.cookie(api(), 'sdp_session')!;

function connect(browser: TestBrowser): Promise<{ socket: Socket; ended: Promise<void> }> {
  const socket = io(api(), {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { cookie: `sdp_session=${keyOf(browser)}` },
  });
  const ended = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
  return new Promise((resolve, reject) => {
    socket.once('ready', () => resolve({ socket, ended }));
    socket.once('connect_error', reject);
  });
}

describe('api/platform/auth: browser sessions', () => {
  it('starts a session in an httpOnly SameSite cookie that holds no personal data', async () => {
    const { browser, body, setCookie } = await signInAs('citizen-anna');
    const cookie = setCookie.find((c) => c.startsWith('sdp_session='))!;
    expect(cookie)
      .to.match(/HttpOnly/i)
      .and.match(/SameSite=Lax/i)
      .and.match(/Path=\//);
    expect(cookie, 'a session cookie: gone with the browser').not.to.match(/Expires|Max-Age/i);
    expect(keyOf(browser)).to.match(/^[A-Za-z0-9_-]{43}$/);
    expect(cookie).not.to.contain('15038511239');
    expect(body.signedIn).to.equal(true);
    expect(body.principal!.person!.id).to.equal('15038511239');
    const stored = await stack.db.pool.query('SELECT key_hash FROM browser_sessions WHERE principal->>$1 = $2', [
      'sub',
      body.principal!.sub,
    ]);
    expect(
      stored.rows.map((r: { key_hash: Buffer }) => r.key_hash.toString('base64url')),
      'only the hash is stored',
    ).not.to.include(keyOf(browser));
  });

  it('is shared by every tab: a second request with the same cookie is the same person', async () => {
    const { browser } = await signInAs('citizen-janis');
    const me = await browser.request(`${api()}/api/v1/auth/me`);
    expect(me.status).to.equal(200);
    expect(((await me.json()) as { person: { id: string } }).person.id).to.equal('02117814569');
  });

  it('refuses an unsafe request without the CSRF token (403), accepts it with the token', async () => {
    const { browser, body } = await signInAs('citizen-anna');
    const without = await browser.request(`${api()}/api/v1/auth/session/extend`, { method: 'POST' });
    expect(without.status).to.equal(403);
    expect(((await without.json()) as { error: { code: string } }).error.code).to.equal('csrf_token_invalid');
    const wrong = await browser.request(`${api()}/api/v1/auth/session/extend`, {
      method: 'POST',
      headers: { 'x-csrf-token': 'x'.repeat(43) },
    });
    expect(wrong.status).to.equal(403);
    const right = await browser.request(`${api()}/api/v1/auth/session/extend`, {
      method: 'POST',
      headers: { 'x-csrf-token': body.csrfToken! },
    });
    expect(right.status).to.equal(200);
  });

  it('needs no CSRF token from a bearer-token caller (an agency system is not a browser)', async () => {
    const token = await tokenFor('citizen-anna');
    const res = await fetch(`${api()}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).to.equal(200);
  });

  it('ends after the idle timeout: the next request is 401, the row says idle; asking does not extend it', async () => {
    const { browser, body } = await signInAs('citizen-anna');
    const sub = body.principal!.sub;
    await stack.db.pool.query(
      `UPDATE browser_sessions SET idle_expires_at = now() + interval '1 minute' WHERE principal->>'sub' = $1 AND ended_at IS NULL`,
      [sub],
    );
    const before = await sessionOf(browser);
    const asked = await sessionOf(browser);
    expect(asked.idleExpiresAt, 'GET /auth/session does not count as activity').to.equal(before.idleExpiresAt);
    await browser.request(`${api()}/api/v1/auth/me`);
    const used = await sessionOf(browser);
    expect(Date.parse(used.idleExpiresAt!) - Date.parse(before.idleExpiresAt!), 'a request moves the idle end 15 minutes on').to.be.above(
      13 * 60_000,
    );

    await stack.db.pool.query(
      `UPDATE browser_sessions SET idle_expires_at = now() - interval '1 second' WHERE principal->>'sub' = $1 AND ended_at IS NULL`,
      [body.principal!.sub],
    );
    const late = await browser.request(`${api()}/api/v1/auth/me`);
    expect(late.status).to.equal(401);
    expect(((await late.json()) as { error: { message: string } }).error.message).to.match(/session has ended/);
    expect((await sessionOf(browser)).signedIn).to.equal(false);
    const row = await stack.db.pool.query<{ ended_reason: string }>(
      'SELECT ended_reason FROM browser_sessions WHERE key_hash = sha256($1::bytea)',
      [Buffer.from(keyOf(browser))],
    );
    expect(row.rows[0].ended_reason).to.equal('idle');
  });

  it('signs out this session only, or every session of the person; their sockets close', async () => {
    const laptop = await signInAs('citizen-marie');
    const phone = await signInAs('citizen-marie');
    const other = await signInAs('citizen-anna');
    const laptopSocket = await connect(laptop.browser);
    const phoneSocket = await connect(phone.browser);

    const out = await laptop.browser.request(`${api()}/api/v1/auth/session`, {
      method: 'DELETE',
      headers: { 'x-csrf-token': laptop.body.csrfToken! },
    });
    expect(out.status).to.equal(204);
    await laptopSocket.ended;
    expect((await sessionOf(laptop.browser)).signedIn).to.equal(false);
    expect((await sessionOf(phone.browser)).signedIn, 'the phone is still signed in').to.equal(true);

    const again = await signInAs('citizen-marie');
    const everywhere = await again.browser.request(`${api()}/api/v1/auth/session?everywhere=true`, {
      method: 'DELETE',
      headers: { 'x-csrf-token': again.body.csrfToken! },
    });
    expect(everywhere.status).to.equal(204);
    await phoneSocket.ended;
    expect((await sessionOf(phone.browser)).signedIn).to.equal(false);
    expect((await sessionOf(other.browser)).signedIn, "another person's session is untouched").to.equal(true);
    const audited = await stack.db.pool.query(`SELECT purpose FROM audit_log WHERE action = 'logout' AND actor_id = $1`, [
      laptop.body.principal!.sub,
    ]);
    expect(audited.rows.map((r: { purpose: string }) => r.purpose)).to.include.members(['sign-out', 'sign-out-everywhere']);
  });

  it('refuses a socket without a session, and an autosave once the session has ended', async () => {
    const refused = io(api(), {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      extraHeaders: { cookie: 'sdp_session=nope' },
    });
    const error = await new Promise<Error & { data?: { code: string } }>((resolve) => refused.once('connect_error', resolve));
    expect(error.data?.code).to.equal('unauthenticated');
    refused.close();

    const { browser, body } = await signInAs('citizen-anna');
    const { socket, ended } = await connect(browser);
    await stack.db.pool.query(`UPDATE browser_sessions SET ended_at = now(), ended_reason = 'sign-out' WHERE principal->>'sub' = $1`, [
      body.principal!.sub,
    ]);
    const answer = await new Promise<{ ok: boolean; error?: { code: string } }>((resolve) =>
      socket.emit('draft:save', { caseId: 'APP-0', data: {} }, resolve),
    );
    expect(answer.ok).to.equal(false);
    expect(answer.error!.code).to.equal('unauthenticated');
    await ended;
  });
});
