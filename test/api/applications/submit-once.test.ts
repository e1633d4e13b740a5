// Submitting once: the citizen's keystrokes reach the draft twice (the autosave's versioned save and the
// co-browsing edits the server merges in rounds). The merge of edits that change nothing keeps the draft's version,
// and submit checks the version the citizen reviewed before the last co-browse edits are saved: so a submit with
// the version read after the last save is accepted at once (it was a 409 every time before). A draft changed
// elsewhere after it was read is still refused (stale_version), and the application shows its expected decision date.
import { expect } from 'chai';
import { stack } from '../../setup';
import { call, errorOf } from '../../helpers/http';
import { waitFor } from '../../helpers/wait';
import { residenceForm } from '../../helpers/applications';
import { closePeers, connectPeer, openPrefilled, request } from '../../helpers/assist';

const DAY_MS = 86_400_000;

describe('api/applications: submit after the last save, once', () => {
  afterEach(() => closePeers());

  it("accepts the reviewed version although the citizen's own co-browse edits are saved again at submit", async () => {
    const app = await openPrefilled();
    const data = residenceForm(app.draft.data, 0);
    // As the browser does: the autosave saves the draft, and each changed field also goes to the co-browsing relay,
    // which merges it into the draft in its next round (or when the submit flushes it).
    const saved = await call('PUT', `/api/v1/applications/${app.id}/draft`, {
      as: 'citizen-anna',
      json: { version: app.draft.version, data },
    });
    expect(saved.status).to.equal(200);
    const citizen = await connectPeer('citizen-anna');
    expect((await request(citizen, 'cobrowse:open', { applicationId: app.id })).ok).to.equal(true);
    for (const [pointer, value] of [
      ['/newAddress/text', (data.newAddress as { text: string }).text],
      ['/residenceBasis', data.residenceBasis],
      ['/declarationDate', data.declarationDate],
      ['/confirm', true],
    ] as const) {
      expect((await request(citizen, 'cobrowse:edit', { applicationId: app.id, pointer, value })).ok).to.equal(true);
    }
    // What "check your answers" reads; the relay's round (or the submit's flush) merges the same values after it.
    const reviewed = await call('GET', `/api/v1/applications/${app.id}`, { as: 'citizen-anna' });
    expect(reviewed.body.draft.version).to.equal(saved.body.version);
    const expected = Date.parse(reviewed.body.progress.expectedDecisionBy);
    expect(Math.abs(expected - (Date.now() + 5 * DAY_MS))).to.be.below(60_000); // the task step's "5 days", from today
    expect(reviewed.body.progress.upcoming.map((u: { kind: string }) => u.kind)).to.deep.equal([
      'checks',
      'decision',
      'document',
      'outcome',
    ]);

    const submitted = await call('POST', `/api/v1/applications/${app.id}/submit`, {
      as: 'citizen-anna',
      json: { version: reviewed.body.draft.version },
    });
    expect(submitted.status, JSON.stringify(submitted.body)).to.equal(200);
    const after = await call('GET', `/api/v1/applications/${app.id}`, { as: 'citizen-anna' });
    expect(after.body.submittedData.residenceBasis).to.equal(data.residenceBasis);
    // From the submission on, the date counts from it.
    expect(Date.parse(after.body.progress.expectedDecisionBy) - Date.parse(after.body.submittedAt)).to.be.within(
      5 * DAY_MS - 1000,
      5 * DAY_MS + 60_000,
    );
  });

  it('keeps the version when a co-browse round changes nothing, and moves it when it does', async () => {
    const app = await openPrefilled();
    const data = residenceForm(app.draft.data, 1);
    const saved = await call('PUT', `/api/v1/applications/${app.id}/draft`, {
      as: 'citizen-anna',
      json: { version: app.draft.version, data },
    });
    const citizen = await connectPeer('citizen-anna');
    expect((await request(citizen, 'cobrowse:open', { applicationId: app.id })).ok).to.equal(true);
    expect(
      (await request(citizen, 'cobrowse:edit', { applicationId: app.id, pointer: '/residenceBasis', value: data.residenceBasis })).ok,
    ).to.equal(true);
    // A different value from another tab: the draft changed after it was read.
    expect((await request(citizen, 'cobrowse:edit', { applicationId: app.id, pointer: '/phone', value: '+371 20000001' })).ok).to.equal(
      true,
    );
    const changed = await waitForDraft(app.id, (d) => d.data.phone === '+371 20000001');
    expect(changed.version).to.equal(saved.body.version + 1);
    const stale = await call('POST', `/api/v1/applications/${app.id}/submit`, {
      as: 'citizen-anna',
      json: { version: saved.body.version },
    });
    expect(stale.status).to.equal(409);
    expect(errorOf(stale).code).to.equal('stale_version');
  });
});

/** Waits until the saved draft is as expected (a relay round is every second). */
function waitForDraft(caseId: string, ok: (d: { data: Record<string, unknown>; version: number }) => boolean) {
  return waitFor(`the draft of ${caseId}`, async () => {
    const { rows } = await stack.db.pool.query('SELECT draft_data, draft_version FROM applications WHERE case_id = $1', [caseId]);
    const d = { data: rows[0].draft_data as Record<string, unknown>, version: rows[0].draft_version as number };
    return ok(d) ? d : null;
  });
}
