// "My cases" fixtures: an application submitted for a citizen at a counter (on a written mandate) and decided by the
// officer, so that it has a decision document; and a case an agency's own system registered, with its link.
import { expect } from 'chai';
import { call } from './http';
import { stack } from '../setup';
import { waitFor } from './wait';
import { dwellingAddresses } from './applications';
import { recordMandate } from './mandates';
import { dayFromToday } from './dates';

export const STAFF = 'staff-vpvkac-riga';

/**
 * Laura at VPVKAC Rīgā submits a residence declaration for `recipient` on a mandate to `representative`; the PMLP
 * officer approves it. Answers the case id once its decision document is issued.
 */
export async function counterCaseWithDecision(recipient: string, representative: { id: string; name: string }): Promise<string> {
  const reference = await recordMandate(STAFF, recipient, representative);
  const opened = await call('POST', '/api/v1/assisted-applications', {
    as: STAFF,
    json: {
      eserviceId: 'residence-declaration',
      recipient: { type: 'natural', id: recipient },
      basis: { type: 'mandate', mandateId: reference },
    },
  });
  expect(opened.status, JSON.stringify(opened.body)).to.equal(201);
  const id = opened.body.id as string;
  const app = await waitFor('prefill', async () => {
    const r = await call('GET', `/api/v1/applications/${id}`, { as: STAFF });
    return r.body.draft?.data.applicant?.givenName ? r.body : null;
  });
  const address = dwellingAddresses[2];
  const data = {
    ...app.draft.data,
    newAddress: { text: address.text, code: address.code },
    residenceBasis: 'owner',
    declarationDate: dayFromToday(3),
    confirm: true,
  };
  const saved = await call('PUT', `/api/v1/applications/${id}/draft`, { as: STAFF, json: { version: app.draft.version, data } });
  expect(saved.status, JSON.stringify(saved.body)).to.equal(200);
  const submitted = await call('POST', `/api/v1/applications/${id}/submit-on-behalf`, { as: STAFF, json: {} });
  expect(submitted.status, JSON.stringify(submitted.body)).to.equal(200);
  const task = await waitFor('officer task', async () =>
    (await call('GET', '/api/v1/tasks', { as: 'officer-pmlp' })).body.items.find((t: any) => t.caseId === id),
  );
  await call('POST', `/api/v1/tasks/${encodeURIComponent(task.id)}/claim`, { as: 'officer-pmlp' });
  const decided = await call('POST', `/api/v1/tasks/${encodeURIComponent(task.id)}/complete`, {
    as: 'officer-pmlp',
    json: { outcome: 'approve' },
  });
  expect(decided.status, JSON.stringify(decided.body)).to.be.oneOf([200, 202]);
  await waitFor('decision document', async () => {
    const r = await call('GET', `/api/v1/applications/${id}`, { as: STAFF });
    return r.body.documents?.length > 0 && r.body.status !== 'in_progress';
  });
  return id;
}

/**
 * Withdraws the persona's saved drafts of an e-service, so that a journey that starts it opens a new one (with a
 * saved draft, starting offers "continue / start again" first). Through the API; a draft the API cannot withdraw
 * now (its workflow answers slowly, or runs on another test's task queue) is ended behind the API's back.
 */
export async function discardDrafts(persona: string, eserviceId: string): Promise<void> {
  const drafts = await call('GET', '/api/v1/me/applications?status=draft', { as: persona });
  for (const d of drafts.body.items as Array<{ id: string; eserviceId: string }>) {
    if (d.eserviceId !== eserviceId) continue;
    const res = await call('POST', `/api/v1/applications/${d.id}/withdraw`, { as: persona, json: {} });
    expect(res.status, JSON.stringify(res.body)).to.be.oneOf([200, 202, 409, 503]);
  }
  const { rows } = await stack.db.pool.query<{ type: string; id: string }>(
    `SELECT DISTINCT recipient_type AS type, recipient_id AS id FROM applications WHERE case_id = ANY($1)`,
    [(drafts.body.items as Array<{ id: string }>).map((d) => d.id)],
  );
  for (const person of rows) await endDraftsOf(person, eserviceId);
}

/** Ends every draft of the person's for the e-service in the database (a test fixture: the case is withdrawn). */
export async function endDraftsOf(person: { type: string; id: string }, eserviceId: string): Promise<void> {
  await stack.db.pool.query(
    `UPDATE cases c SET status = 'withdrawn', status_at = now(), updated_at = now()
       FROM applications a
      WHERE a.case_id = c.id AND c.status = 'draft' AND a.recipient_type = $1 AND a.recipient_id = $2 AND a.definition_id = $3`,
    [person.type, person.id, eserviceId],
  );
}
