// "Apps you allowed" (issue 16 §2): an app (the stack's demo app, a public client) that a citizen allowed on the
// consent page is listed for that citizen only; revoking it ends its refresh token (invalid_grant) and its access
// token (inactive at introspection) at once, and its next authorization request asks consent again. Another citizen
// neither sees nor revokes it.
import { expect } from 'chai';
import { stack } from '../../../setup';
import { call, errorOf } from '../../../helpers/http';
import { formOf } from '../../../simulators/browser';
import { appToken, authorize, deviceKey, followAll, signedInBrowser, type TestClient } from './provider-helpers';
import { DEMO_APP_CLIENT_ID } from '../../../../scripts/seed/demo-app';
import type { GetMeAppsResponse } from '../../../../forms/types/api';

// A native app's loopback redirect URI takes any port (RFC 8252 §7.3): registered without one, asked with one.
const REDIRECT = 'http://127.0.0.1:49152/callback';
const app: TestClient = { client_id: DEMO_APP_CLIENT_ID, client_secret: '', redirect_uris: [REDIRECT] };
const OWNER = 'citizen-juris';
const OTHER = 'citizen-anna';

async function introspect(token: string) {
  const res = await fetch(`${stack.api.url}/oidc/token/introspection`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: DEMO_APP_CLIENT_ID, token }),
  });
  expect(res.status).to.equal(200);
  return (await res.json()) as { active: boolean; sub?: string };
}

const appsOf = async (persona: string) => {
  const res = await call<GetMeAppsResponse>('GET', '/api/v1/me/apps', { as: persona });
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return res.body.items;
};

describe('api/platform/auth/provider: apps a citizen allowed (GET and DELETE /api/v1/me/apps)', () => {
  it('lists the app allowed on the consent page; revoking it ends its tokens; another citizen cannot see or revoke it', async () => {
    const started = Date.now() - 1000;
    const { browser } = await signedInBrowser(stack.api.url, OWNER);
    const first = await authorize(browser, stack.api.url, app);
    expect(first.final.response?.status, first.visited.join('\n')).to.equal(200);
    const html = await first.final.response!.text();
    expect(html).to.contain('Latvija.lv mobilā lietotne (demo)');
    const form = formOf(html, first.final.url);
    const allowed = await browser.request(form.action, { form: { decision: 'allow' } });
    const back = await followAll(browser, new URL(allowed.headers.get('location')!, form.action).toString(), REDIRECT);
    const code = new URL(back.url).searchParams.get('code')!;
    expect(code, back.visited.join('\n')).to.be.a('string');

    const phone = await deviceKey();
    const issued = await appToken(stack.api.url, DEMO_APP_CLIENT_ID, phone, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      code_verifier: first.verifier,
    });
    expect(issued.status, JSON.stringify(issued.body)).to.equal(200);
    expect(await introspect(issued.body.access_token)).to.include({ active: true, sub: OWNER });
    // Another client (the demo portal, authenticated) learns nothing about the app's token.
    const portal = stack.config.oidcProvider!.clients.find((c) => c.client_id === 'building-portal')!;
    const probed = await fetch(`${stack.api.url}/oidc/token/introspection`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${portal.client_id}:${portal.client_secret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ token: issued.body.access_token }),
    });
    expect(probed.status).to.equal(200);
    expect(await probed.json(), 'another client cannot introspect it').to.deep.equal({ active: false });

    // The owner sees the app: its name, the scopes allowed, when, and the code exchange as its last use.
    const listed = (await appsOf(OWNER)).find((a) => a.clientId === DEMO_APP_CLIENT_ID);
    expect(listed, 'the allowed app is listed').to.not.equal(undefined);
    expect(listed!.name).to.equal('Latvija.lv mobilā lietotne (demo)');
    expect(listed!.scopes).to.have.members(['openid', 'profile']);
    expect(Date.parse(listed!.allowedAt)).to.be.within(started, Date.now());
    expect(Date.parse(listed!.lastUsedAt!)).to.be.within(Date.parse(listed!.allowedAt) - 1000, Date.now());

    // Another citizen neither sees nor revokes it: the app keeps working.
    expect((await appsOf(OTHER)).map((a) => a.clientId)).to.not.include(DEMO_APP_CLIENT_ID);
    const foreign = await call('DELETE', `/api/v1/me/apps/${DEMO_APP_CLIENT_ID}`, { as: OTHER });
    expect(foreign.status).to.equal(404);
    expect(errorOf(foreign).code).to.equal('not_found');
    expect(await introspect(issued.body.access_token)).to.include({ active: true });

    // The owner revokes it: the refresh token and the access token stop working at once, and nothing issued on the
    // grant is left in the provider's storage (the grant alone would make the library refuse them; they go too).
    const { rows: grants } = await stack.db.pool.query<{ id: string }>(
      `SELECT id FROM oidc_payloads WHERE model = 'Grant' AND payload->>'accountId' = $1 AND payload->>'clientId' = $2`,
      [OWNER, DEMO_APP_CLIENT_ID],
    );
    const storedOn = async () =>
      (
        await stack.db.pool.query<{ model: string }>(
          `SELECT model FROM oidc_payloads WHERE grant_id = ANY($1::text[]) OR (model = 'Grant' AND id = ANY($1::text[]))`,
          [grants.map((g) => g.id)],
        )
      ).rows.map((r) => r.model);
    expect(await storedOn()).to.include.members(['Grant', 'AccessToken', 'RefreshToken']);
    const revoked = await call('DELETE', `/api/v1/me/apps/${DEMO_APP_CLIENT_ID}`, { as: OWNER });
    expect(revoked.status).to.equal(204);
    expect(await storedOn(), 'nothing of the revoked grant is left').to.deep.equal([]);
    const refresh = await appToken(stack.api.url, DEMO_APP_CLIENT_ID, phone, {
      grant_type: 'refresh_token',
      refresh_token: issued.body.refresh_token,
    });
    expect(refresh.body.error, JSON.stringify(refresh.body)).to.equal('invalid_grant');
    expect(await introspect(issued.body.access_token)).to.deep.equal({ active: false });
    expect((await appsOf(OWNER)).map((a) => a.clientId)).to.not.include(DEMO_APP_CLIENT_ID);
    expect((await call('DELETE', `/api/v1/me/apps/${DEMO_APP_CLIENT_ID}`, { as: OWNER })).status).to.equal(404);

    // The app's next request asks the citizen again, in the same browser session.
    const again = await authorize(browser, stack.api.url, app);
    expect(again.final.response?.status, again.visited.join('\n')).to.equal(200);
    expect(await again.final.response!.text()).to.contain('Atļaut lietotnei piekļuvi? / Allow the app access?');

    // Both are in the audit log, with the citizen as actor.
    const { rows } = await stack.db.pool.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE actor_id = $1 AND resource IN ('auth/oidc/apps', $2) AND at > to_timestamp($3 / 1000.0)`,
      [OWNER, `auth/oidc/app:${DEMO_APP_CLIENT_ID}`, started],
    );
    expect(rows.map((r) => r.action)).to.include.members(['read', 'delete']);
  });

  it('answers 404 for an app never allowed, and refuses someone not signed in', async () => {
    expect((await call('DELETE', '/api/v1/me/apps/no-such-app', { as: OWNER })).status).to.equal(404);
    expect((await call('GET', '/api/v1/me/apps')).status).to.equal(401);
  });
});
