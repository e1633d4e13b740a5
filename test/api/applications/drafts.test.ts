// Opening an e-service you already have a saved draft of (issue 17): with ifDraftExists "continue" the API answers
// that draft (200) instead of opening a second one; "open-new" (and no choice) opens another; a discarded draft is
// not continued. The portal asks the person first (ui/src/applications/Services.tsx: "continue / start again").
import { expect } from 'chai';
import { call, errorOf } from '../../helpers/http';

const open = (json: Record<string, unknown>) => call('POST', '/api/v1/applications', { as: 'citizen-juris', json });

describe('api/applications: a saved draft is continued, not duplicated', () => {
  it('answers the saved draft with ifDraftExists continue, and opens another only when asked', async () => {
    const first = await open({ eserviceId: 'residence-declaration', ifDraftExists: 'continue' });
    expect([200, 201]).to.include(first.status);
    const draftId = first.body.id as string;
    const again = await open({ eserviceId: 'residence-declaration', ifDraftExists: 'continue' });
    expect(again.status).to.equal(200);
    expect(again.body.id).to.equal(draftId);
    expect(again.headers.get('location')).to.equal(`/api/v1/applications/${draftId}`);
    expect(again.body.status).to.equal('draft');

    const another = await open({ eserviceId: 'residence-declaration', ifDraftExists: 'open-new' });
    expect(another.status).to.equal(201);
    expect(another.body.id).not.to.equal(draftId);

    // Discarded ("start again"): neither of them is continued any more.
    for (const id of [draftId, another.body.id as string]) {
      expect((await call('POST', `/api/v1/applications/${id}/withdraw`, { as: 'citizen-juris', json: {} })).status).to.equal(200);
    }
    const fresh = await open({ eserviceId: 'residence-declaration', ifDraftExists: 'continue' });
    expect(fresh.status).to.equal(201);
    expect([draftId, another.body.id]).not.to.include(fresh.body.id);
    await call('POST', `/api/v1/applications/${fresh.body.id as string}/withdraw`, { as: 'citizen-juris', json: {} });
  });

  it('refuses an unknown choice with a 400', async () => {
    const res = await open({ eserviceId: 'residence-declaration', ifDraftExists: 'reuse' });
    expect(res.status).to.equal(400);
    expect(errorOf(res).details[0]).to.deep.include({ path: '/ifDraftExists', code: 'enum' });
  });
});
