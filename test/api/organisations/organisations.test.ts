// A company's own account (api/organisations/): its board member with sole rights sees its cases, invoices and
// messages; anyone else gets 404; a joint representative needs the other member's confirmation; an act-for token
// (RFC 8693 `act`) reaches only its party's area and is refused at once when the representation ends.
import { expect } from 'chai';
import { decodeJwt } from 'jose';
import { stack } from '../../setup';
import { call, errorOf } from '../../helpers/http';
import { seedCompanyDemo, DEMO_COMPANY } from '../../../scripts/seed/seed';
import { insertNotification } from '../../../db/applications/messages';
import { loadOrCreateKeys } from '../../../api/platform/auth/keys';
import { issueActForToken, issueToken, TOKEN_AUDIENCE, TOKEN_ISSUER } from '../../../api/platform/auth/tokens';
import { SignJWT } from 'jose';
import { io } from 'socket.io-client';
import { JOINT_RIGHTS_REGCODE } from '../../../simulators/enterprise-register/data';
import { persons } from '../../../simulators/population-register/data';

const LIGA = '01014811002';
const JURIS = persons[5].person_code; // Jānis's fellow board member with joint rights
const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

async function tokenOf(sub: string, name: string, code: string): Promise<string> {
  const keys = await loadOrCreateKeys(stack.dataDir);
  return issueToken(keys, { sub, name, roles: ['citizen'], person: { type: 'natural', id: code } });
}

describe('api/organisations: acting for a company', function () {
  this.timeout(60_000);
  let companyCaseId: string;

  before(async () => {
    // Other tests (the journey) may have left a joint representative confirmed: start from none.
    await stack.db.pool.query('UPDATE representation_confirmations SET revoked_at = now() WHERE revoked_at IS NULL');
    await seedCompanyDemo(stack.db);
    await insertNotification(stack.db.pool, {
      id: 'org-test-message-1',
      caseId: null,
      recipient: { type: 'legal', id: DEMO_COMPANY.id },
      subject: { lv: 'Atgādinājums', en: 'Reminder' },
      body: { lv: 'Iesniedziet deklarāciju.', en: 'Submit the return.' },
    });
  });

  it('lists the companies a board member represents, with the rights the register gives', async () => {
    const res = await call('GET', '/api/v1/me/represented', { as: 'citizen-liga' });
    expect(res.status).to.equal(200);
    expect(res.body.items).to.deep.include({
      party: { type: 'legal', id: DEMO_COMPANY.id, name: DEMO_COMPANY.name },
      basis: 'enterprise_register',
      rights: 'sole',
      represents: true,
      confirmationId: null,
    });
    const janis = await call('GET', '/api/v1/me/represented', { as: 'citizen-janis' });
    expect(janis.body.items.find((i: { party: { id: string } }) => i.party.id === JOINT_RIGHTS_REGCODE)).to.include({
      rights: 'joint',
      represents: false,
    });
  });

  it("shows the company's cases, invoices and messages to its representative, and audits each for the company", async () => {
    const org = await call('GET', `/api/v1/organisations/${DEMO_COMPANY.id}`, { as: 'citizen-liga' });
    expect(org.body).to.include({ name: DEMO_COMPANY.name, basis: 'enterprise_register', rights: 'sole', status: 'active' });
    const cases = await call('GET', `/api/v1/organisations/${DEMO_COMPANY.id}/cases?count=true`, { as: 'citizen-liga' });
    expect(cases.status).to.equal(200);
    // The seeded two, and any other test's cases of this company: exactly the cases whose recipient it is.
    const own = await stack.db.pool.query<{ id: string }>(
      "SELECT id FROM cases WHERE recipient_type = 'legal' AND recipient_id = $1 ORDER BY id",
      [DEMO_COMPANY.id],
    );
    expect(own.rows.length).to.be.at.least(2);
    expect(cases.body.total).to.equal(own.rows.length);
    expect(cases.body.items.map((c: { id: string }) => c.id).sort()).to.deep.equal(own.rows.map((r) => r.id));
    companyCaseId = cases.body.items[0].id;
    const invoices = await call('GET', `/api/v1/organisations/${DEMO_COMPANY.id}/invoices`, { as: 'citizen-liga' });
    expect(invoices.body.items).to.have.length(1);
    const messages = await call('GET', `/api/v1/organisations/${DEMO_COMPANY.id}/messages`, { as: 'citizen-liga' });
    expect(messages.body.items.map((m: { subject: { en: string } }) => m.subject.en)).to.include('Reminder');
    const { rows } = await stack.db.pool.query(
      `SELECT actor_id, on_behalf_of, subject_type, subject_id, purpose, details FROM audit_log
        WHERE resource = $1 ORDER BY chain_seq DESC LIMIT 1`,
      [`organisation:${DEMO_COMPANY.id}/cases`],
    );
    expect(rows[0]).to.deep.include({
      actor_id: 'citizen-liga',
      on_behalf_of: `legal:${DEMO_COMPANY.id}`,
      subject_type: 'legal',
      subject_id: DEMO_COMPANY.id,
      purpose: 'representative:enterprise_register',
    });
    expect(rows[0].details).to.deep.include({
      basis: 'enterprise_register',
      rights: 'sole',
      representative: `natural:${LIGA}`,
      count: own.rows.length,
    });
  });

  it('answers 404 to anyone without a basis, for a company that does not exist, and for a malformed number', async () => {
    for (const path of [
      `/api/v1/organisations/${DEMO_COMPANY.id}/cases`,
      '/api/v1/organisations/40000000000/cases',
      '/api/v1/organisations/4010/cases',
    ]) {
      const res = await call('GET', path, { as: 'citizen-anna' });
      expect(res.status, path).to.equal(404);
      errorOf(res);
    }
    expect((await call('GET', `/api/v1/cases/${companyCaseId}`, { as: 'citizen-anna' })).status).to.equal(404);
    expect((await call('GET', `/api/v1/cases/${companyCaseId}`, { as: 'citizen-liga' })).status).to.equal(200);
  });

  it('issues an act-for token whose subject is the company and whose act claim names the actor; it reaches only that area', async () => {
    const res = await call('POST', '/api/v1/auth/act-for', { as: 'citizen-liga', json: { party: { type: 'legal', id: DEMO_COMPANY.id } } });
    expect(res.status).to.equal(200);
    expect(res.body).to.include({ tokenType: 'Bearer', basis: 'enterprise_register' });
    const claims = decodeJwt(res.body.token);
    expect(claims.sub).to.equal(`legal:${DEMO_COMPANY.id}`);
    expect((claims.act as { sub: string }).sub).to.equal('citizen-liga');
    const token = res.body.token as string;
    expect((await call('GET', `/api/v1/organisations/${DEMO_COMPANY.id}/cases`, bearer(token))).status).to.equal(200);
    expect((await call('GET', `/api/v1/cases/${companyCaseId}`, bearer(token))).status).to.equal(200);
    expect((await call('GET', `/api/v1/organisations/${JOINT_RIGHTS_REGCODE}/cases`, bearer(token))).status).to.equal(404);
    const own = await call('GET', '/api/v1/me/cases', bearer(token));
    expect(own.status).to.equal(403);
    expect(errorOf(own).code).to.equal('act_for_not_allowed');
    const none = await call('POST', '/api/v1/auth/act-for', {
      as: 'citizen-anna',
      json: { party: { type: 'legal', id: DEMO_COMPANY.id } },
    });
    expect(none.status).to.equal(404);
  });

  it('lets a joint representative act once the other member confirms, and refuses the token at once when withdrawn', async () => {
    const party = { party: { type: 'legal', id: JOINT_RIGHTS_REGCODE } };
    expect((await call('POST', '/api/v1/auth/act-for', { as: 'citizen-janis', json: party })).status).to.equal(404);
    const asked = await call('POST', `/api/v1/organisations/${JOINT_RIGHTS_REGCODE}/confirmation-requests`, {
      as: 'citizen-janis',
      json: { days: 7 },
    });
    expect(asked.status).to.equal(201);
    expect(asked.body).to.include({ status: 'awaiting' });
    expect(asked.body.awaiting).to.have.length(1);
    const sole = await call('POST', `/api/v1/organisations/${DEMO_COMPANY.id}/confirmation-requests`, { as: 'citizen-liga', json: {} });
    expect(errorOf(sole).code).to.equal('confirmation_not_needed');
    expect((await call('POST', `/api/v1/confirmation-requests/${asked.body.id}/confirm`, { as: 'citizen-anna' })).status).to.equal(404);

    const juris = await tokenOf('person-juris', 'Juris', JURIS);
    const list = await call('GET', '/api/v1/me/confirmation-requests', bearer(juris));
    expect(list.body.toConfirm.map((r: { id: string }) => r.id)).to.include(asked.body.id);
    const confirmed = await call('POST', `/api/v1/confirmation-requests/${asked.body.id}/confirm`, bearer(juris));
    expect(confirmed.body).to.include({ status: 'confirmed' });
    expect(confirmed.body.confirmedBy).to.deep.equal([JURIS]);

    const acting = await call('POST', '/api/v1/auth/act-for', { as: 'citizen-janis', json: party });
    expect(acting.status).to.equal(200);
    expect(decodeJwt(acting.body.token).act).to.deep.include({ sub: 'citizen-janis' });
    const cases = `/api/v1/organisations/${JOINT_RIGHTS_REGCODE}/cases`;
    expect((await call('GET', cases, bearer(acting.body.token))).status).to.equal(200);

    expect((await call('POST', `/api/v1/confirmation-requests/${asked.body.id}/withdraw`, bearer(juris))).status).to.equal(200);
    const refused = await call('GET', cases, bearer(acting.body.token));
    expect(refused.status).to.equal(403);
    expect(errorOf(refused).code).to.equal('representation_ended');
    expect((await call('GET', cases, { as: 'citizen-janis' })).status).to.equal(404);
  });

  it('does not trust the token alone: a signed act-for token for a company the actor does not represent is refused', async () => {
    const keys = await loadOrCreateKeys(stack.dataDir);
    const liga = { sub: 'citizen-liga', name: 'Līga Ozoliņa', roles: ['citizen' as const], person: { type: 'natural' as const, id: LIGA } };
    const other = await issueActForToken(keys, liga, { type: 'legal', id: JOINT_RIGHTS_REGCODE });
    const refused = await call('GET', `/api/v1/organisations/${JOINT_RIGHTS_REGCODE}/cases`, bearer(other));
    expect(refused.status).to.equal(403);
    expect(errorOf(refused).code).to.equal('representation_ended');
    // Claims that do not hang together (the subject is not the party) are no token at all.
    const mismatched = await new SignJWT({
      roles: ['citizen'],
      party: { type: 'legal', id: DEMO_COMPANY.id },
      act: { sub: 'citizen-liga', person: liga.person },
    })
      .setProtectedHeader({ alg: 'ES256', kid: keys.kid, typ: 'JWT' })
      .setSubject(`legal:${JOINT_RIGHTS_REGCODE}`)
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(keys.privateKey);
    expect((await call('GET', `/api/v1/organisations/${DEMO_COMPANY.id}/cases`, bearer(mismatched))).status).to.equal(401);
  });

  it('refuses a live connection (Socket.IO) with an act-for token', async () => {
    const res = await call('POST', '/api/v1/auth/act-for', { as: 'citizen-liga', json: { party: { type: 'legal', id: DEMO_COMPANY.id } } });
    const socket = io(stack.api.url, { auth: { token: res.body.token }, transports: ['websocket'], reconnection: false, forceNew: true });
    const error = await new Promise<Error & { data?: { message?: string } }>((resolve) => socket.on('connect_error', resolve));
    socket.close();
    expect(error.data?.message).to.match(/act-for token/);
  });

  it('an act for the company needs rights to act: a view-only delegation from the company sees, but is refused the act', async () => {
    await stack.db.pool.query(
      `INSERT INTO delegations (id, principal_type, principal_id, principal_name, representative_type, representative_id, representative_name,
         scope, valid_from, rights)
       VALUES (gen_random_uuid(), 'legal', $1, $2, 'natural', '15038511239', 'Anna Bērziņa', 'all', current_date, 'view')`,
      [DEMO_COMPANY.id, DEMO_COMPANY.name],
    );
    const read = `/api/v1/organisations/${DEMO_COMPANY.id}/messages/org-test-message-1/read`;
    expect((await call('GET', `/api/v1/organisations/${DEMO_COMPANY.id}/messages`, { as: 'citizen-anna' })).status).to.equal(200);
    const refused = await call('POST', read, { as: 'citizen-anna' });
    expect(refused.status).to.equal(403);
    expect(errorOf(refused).code).to.equal('outside_representation');
    expect((await call('POST', read, { as: 'citizen-janis' })).status).to.equal(404);
    expect(
      (await call('POST', `/api/v1/organisations/${DEMO_COMPANY.id}/messages/no-such-message/read`, { as: 'citizen-liga' })).status,
    ).to.equal(404);

    const marked = await call('POST', read, { as: 'citizen-liga' });
    expect(marked.status).to.equal(200);
    expect(marked.body.readAt).to.be.a('string');
    const { rows } = await stack.db.pool.query(
      "SELECT action, actor_id, on_behalf_of, details FROM audit_log WHERE resource = 'notification:org-test-message-1' ORDER BY chain_seq DESC LIMIT 1",
    );
    expect(rows[0]).to.deep.include({ action: 'update', actor_id: 'citizen-liga', on_behalf_of: `legal:${DEMO_COMPANY.id}` });
    expect(rows[0].details).to.deep.include({ representative: `natural:${LIGA}`, basis: 'enterprise_register' });
  });
});
