// Integration API 2 end to end: an agency describes a service, changes it (versions, diff), submits it; the agency's
// approver and the catalogue administrator decide in the publication workflow; the public sees only the published
// version while a new one is in review; withdrawal; the stale list, "reviewed" and the freshness schedule.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { stack } from '../../setup';
import { call, errorOf } from '../../helpers/http';
import { waitFor } from '../../helpers/wait';
import { demoDescription } from '../../../scripts/seed/catalog';
import { services } from '../../../scripts/seed/demo-data';
import type { ServiceDescription } from '../../../db/catalog/description';
import { CATALOG_FRESHNESS_SCHEDULE_ID, catalogPublicationWorkflowId } from '../../../workflows/catalog/api';

const BASE = '/api/v1/agency/catalog/services';
let n = 0;

function newDescription(): ServiceDescription {
  n += 1;
  const base = demoDescription(services.find((s) => s.id === 'residence-declaration')!);
  return {
    ...base,
    id: `foreign-residence-${n}-${Date.now().toString(36)}`,
    title: { lv: `Uzturēšanās atļauja ${n}`, en: `Residence permit ${n}` },
    relatedServices: [],
  };
}

async function publishedTitle(id: string): Promise<string | null> {
  const { rows } = await stack.db.pool.query('SELECT title_en FROM catalog_published WHERE service_id = $1', [id]);
  return rows[0]?.title_en ?? null;
}

async function submitAndWaitForWorkflow(id: string): Promise<number> {
  const submitted = await call('POST', `${BASE}/${id}/submit`, { as: 'admin-pmlp', json: {} });
  expect(submitted.status, JSON.stringify(submitted.body)).to.equal(202);
  const client = await stack.api.deps.temporal();
  await waitFor(
    'publication workflow',
    async () =>
      (await client.workflow.getHandle(catalogPublicationWorkflowId(id, submitted.body.version)).describe()).status.name === 'RUNNING',
  );
  return submitted.body.version as number;
}

// RECORD_HISTORIES=1 saves the finished publication workflows for the replay test (test/workflows/catalog).
const recorded: Array<{ name: string; workflowId: string }> = [];

describe('api/catalog (agency)', () => {
  after(async function () {
    if (!process.env.RECORD_HISTORIES) return;
    this.timeout(30_000);
    const client = await stack.api.deps.temporal();
    const dir = path.join(__dirname, '../../workflows/catalog/histories');
    fs.mkdirSync(dir, { recursive: true });
    for (const { name, workflowId } of recorded) {
      const history = await client.workflow.getHandle(workflowId).fetchHistory();
      fs.writeFileSync(path.join(dir, `${name}.json`), `${JSON.stringify(history, null, 1)}\n`);
    }
  });

  it('creates, versions and diffs a description; publishes it through both review steps', async () => {
    const d = newDescription();
    const created = await call('POST', BASE, { as: 'admin-pmlp', json: { description: d } });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    expect(created.body).to.deep.include({ serviceId: d.id, version: 1, stage: 'draft' });

    const changed = {
      ...d,
      description: { lv: 'Jauns apraksts.', en: 'A new description.' },
      keywords: { lv: [...d.keywords.lv, 'atļauja'], en: d.keywords.en },
    };
    const put = await call('PUT', `${BASE}/${d.id}`, {
      as: 'admin-pmlp',
      json: { baseVersion: 1, description: changed, comment: 'clearer text' },
    });
    expect(put.status, JSON.stringify(put.body)).to.equal(200);
    expect(put.body.version).to.equal(2);
    const stale = await call('PUT', `${BASE}/${d.id}`, { as: 'admin-pmlp', json: { baseVersion: 1, description: changed } });
    expect(stale.status).to.equal(409);
    expect(errorOf(stale).code).to.equal('stale_version');

    const versions = await call('GET', `${BASE}/${d.id}/versions`, { as: 'admin-pmlp' });
    expect(versions.body.items.map((v: any) => [v.version, v.stage, v.author.id])).to.deep.equal([
      [2, 'draft', 'admin-pmlp'],
      [1, 'superseded', 'admin-pmlp'],
    ]);
    const diff = await call('GET', `${BASE}/${d.id}/diff?from=1&to=2`, { as: 'admin-pmlp' });
    expect(diff.status).to.equal(200);
    expect(diff.body.changes).to.deep.include({ op: 'replace', path: '/description/en', from: d.description.en, to: 'A new description.' });
    expect(diff.body.changes).to.deep.include({ op: 'add', path: `/keywords/lv/${d.keywords.lv.length}`, to: 'atļauja' });

    const version = await submitAndWaitForWorkflow(d.id);
    expect(version).to.equal(2);
    // In review: no change, and not public yet.
    expect((await call('PUT', `${BASE}/${d.id}`, { as: 'admin-pmlp', json: { baseVersion: 2, description: d } })).status).to.equal(409);
    expect(await publishedTitle(d.id)).to.equal(null);

    // The catalogue administrator cannot decide at the agency step; the author cannot approve; the approver can.
    const early = await call('POST', `/api/v1/catalog/reviews/${d.id}/2`, { as: 'catalogue-admin', json: { decision: 'approve' } });
    expect(early.status).to.equal(403);
    expect(errorOf(early).code).to.equal('review_not_your_step');
    const queue = await call('GET', '/api/v1/catalog/reviews', { as: 'approver-pmlp' });
    expect(queue.body.items.map((i: any) => i.serviceId)).to.include(d.id);
    const approved = await call('POST', `/api/v1/catalog/reviews/${d.id}/2`, { as: 'approver-pmlp', json: { decision: 'approve' } });
    expect(approved.status, JSON.stringify(approved.body)).to.equal(200);
    expect(approved.body.stage).to.equal('catalogue_review');
    expect(await publishedTitle(d.id)).to.equal(null);

    const published = await call('POST', `/api/v1/catalog/reviews/${d.id}/2`, {
      as: 'catalogue-admin',
      json: { decision: 'approve', comment: 'ok' },
    });
    expect(published.status, JSON.stringify(published.body)).to.equal(200);
    expect(published.body.stage).to.equal('published');
    expect(await publishedTitle(d.id)).to.equal(d.title.en);
    const detail = await call('GET', `${BASE}/${d.id}`, { as: 'admin-pmlp' });
    expect(detail.body).to.deep.include({ publishedVersion: 2, stage: 'published' });
    expect(detail.body.events.map((e: any) => `${e.action}:${e.step}:${e.actor.id}`)).to.deep.equal([
      'created:author:admin-pmlp',
      'changed:author:admin-pmlp',
      'submitted:author:admin-pmlp',
      'approved:agency:approver-pmlp',
      'approved:catalogue:catalogue-admin',
      'published:catalogue:catalogue-admin',
    ]);
    const { rows } = await stack.db.pool.query(`SELECT kind, version FROM catalog_changes WHERE service_id = $1`, [d.id]);
    expect(rows).to.deep.equal([{ kind: 'published', version: 2 }]);
    recorded.push({ name: 'published-after-two-steps', workflowId: catalogPublicationWorkflowId(d.id, 2) });
  });

  it('keeps the published version live while a new one is in review, and returns it with comments', async () => {
    const d = newDescription();
    await call('POST', BASE, { as: 'admin-pmlp', json: { description: d } });
    await submitAndWaitForWorkflow(d.id);
    await call('POST', `/api/v1/catalog/reviews/${d.id}/1`, { as: 'approver-pmlp', json: { decision: 'approve' } });
    await call('POST', `/api/v1/catalog/reviews/${d.id}/1`, { as: 'catalogue-admin', json: { decision: 'approve' } });
    expect(await publishedTitle(d.id)).to.equal(d.title.en);

    const v2 = { ...d, title: { lv: 'Mainīts nosaukums', en: 'Changed title' } };
    await call('PUT', `${BASE}/${d.id}`, { as: 'admin-pmlp', json: { baseVersion: 1, description: v2 } });
    await submitAndWaitForWorkflow(d.id);
    expect(await publishedTitle(d.id)).to.equal(d.title.en); // still version 1

    const noComment = await call('POST', `/api/v1/catalog/reviews/${d.id}/2`, { as: 'approver-pmlp', json: { decision: 'return' } });
    expect(noComment.status).to.equal(422);
    expect(errorOf(noComment).code).to.equal('review_comment_required');
    const returned = await call('POST', `/api/v1/catalog/reviews/${d.id}/2`, {
      as: 'approver-pmlp',
      json: { decision: 'return', comment: 'Add the fee.' },
    });
    expect(returned.body.stage).to.equal('returned');
    expect(await publishedTitle(d.id)).to.equal(d.title.en);
    const again = await call('POST', `/api/v1/catalog/reviews/${d.id}/2`, { as: 'approver-pmlp', json: { decision: 'approve' } });
    expect(again.status).to.equal(409);
    const detail = await call('GET', `${BASE}/${d.id}`, { as: 'admin-pmlp' });
    expect(detail.body.events.at(-1)).to.deep.include({ action: 'returned', step: 'agency', comment: 'Add the fee.' });
    expect(detail.body).to.deep.include({ stage: 'returned', publishedVersion: 1 });
    recorded.push({ name: 'returned-at-agency-step', workflowId: catalogPublicationWorkflowId(d.id, 2) });
  });

  it('heals a review whose workflow is missing (the API stopped between the database and Temporal)', async () => {
    const d = newDescription();
    await call('POST', BASE, { as: 'admin-pmlp', json: { description: d } });
    await submitAndWaitForWorkflow(d.id);
    const client = await stack.api.deps.temporal();
    await client.workflow.getHandle(catalogPublicationWorkflowId(d.id, 1)).terminate('lost');
    const first = await call('POST', `/api/v1/catalog/reviews/${d.id}/1`, { as: 'approver-pmlp', json: { decision: 'approve' } });
    expect(first.status).to.equal(503);
    expect(first.headers.get('retry-after')).to.equal('1');
    const retried = await waitFor('healed review', async () => {
      const r = await call('POST', `/api/v1/catalog/reviews/${d.id}/1`, { as: 'approver-pmlp', json: { decision: 'approve' } });
      return r.status === 200 && r;
    });
    expect(retried.body.stage).to.equal('catalogue_review');
  });

  it('refuses bad input, another agency and inconsistent references with clear errors', async () => {
    const d = newDescription();
    const other = await call('POST', BASE, { as: 'admin-pmlp', json: { description: { ...d, id: 'income-tax-return' } } });
    expect(other.status).to.equal(409);
    expect(errorOf(other).code).to.equal('service_id_taken');
    const badRefs = await call('POST', BASE, {
      as: 'admin-pmlp',
      json: { description: { ...d, lifeEvents: ['no-such-event'], channels: [{ ...d.channels[1], offices: ['nowhere'] }] } },
    });
    expect(badRefs.status).to.equal(422);
    expect(errorOf(badRefs).details.map((x) => x.path)).to.include.members([
      '/description/lifeEvents/0',
      '/description/channels/0/offices/0',
    ]);
    const schema = await call('POST', BASE, {
      as: 'admin-pmlp',
      json: { description: { ...d, channels: [{ type: 'phone', steps: [], evidence: [], processingTime: '5 days' }] } },
    });
    expect(schema.status).to.equal(400);
    expect(errorOf(schema).code).to.equal('validation_failed');
    expect((await call('POST', BASE, { as: 'officer-pmlp', json: { description: d } })).status).to.equal(403);
    // The agency's own information system uses the same API (integration API 2), for its agency only.
    const bySystem = await call('POST', BASE, { as: 'system-pmlp', json: { description: d } });
    expect(bySystem.status, JSON.stringify(bySystem.body)).to.equal(201);
    const systemList = await call('GET', BASE, { as: 'system-pmlp' });
    expect(systemList.body.items.map((i: any) => i.serviceId)).to.include(d.id);
    expect(systemList.body.items.every((i: any) => i.agencyId === 'pmlp')).to.equal(true);
    expect((await call('GET', `${BASE}/${d.id}`, { as: 'system-vid' })).status).to.equal(404);
    expect((await call('GET', `${BASE}/trade-permit`, { as: 'admin-pmlp' })).status).to.equal(404); // Riga's
    expect((await call('GET', `${BASE}/trade-permit`, { as: 'catalogue-admin' })).status).to.equal(200);
    expect((await call('GET', `${BASE}/residence-declaration/diff?from=1&to=x`, { as: 'admin-pmlp' })).status).to.equal(400);
    expect(
      (await call('POST', `/api/v1/catalog/reviews/residence-declaration/1`, { as: 'approver-pmlp', json: { decision: 'maybe' } })).status,
    ).to.equal(400);
  });

  it('accepts only https links and paths on the portal in a description (no //host, javascript:, http or user-info)', async () => {
    const d = newDescription();
    const eservice = d.channels.findIndex((c) => c.type === 'eservice');
    expect(eservice).to.be.at.least(0);
    const withLink = (link: string, where: 'eservice' | 'legal') => ({
      ...d,
      channels: where === 'eservice' ? d.channels.map((c, i) => (i === eservice ? { ...c, eserviceUrl: link } : c)) : d.channels,
      legalBasis: where === 'legal' ? [{ ...d.legalBasis[0], url: link }] : d.legalBasis,
    });
    const refused = [
      '//evil.example/login',
      '/\\evil.example',
      'javascript:alert(document.cookie)',
      'http://likumi.lv/ta/id/1',
      'JAVASCRIPT:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'https://',
      'https:///path',
      ' https://likumi.lv/',
    ];
    for (const link of refused) {
      for (const where of ['eservice', 'legal'] as const) {
        const res = await call('POST', BASE, { as: 'admin-pmlp', json: { description: withLink(link, where) } });
        expect(res.status, `${where} ${link}`).to.equal(400);
        expect(errorOf(res).code).to.equal('validation_failed');
      }
    }
    // Parsed, not only matched: user-info makes an address show one host and open another.
    const userInfo = await call('POST', BASE, {
      as: 'admin-pmlp',
      json: { description: withLink('https://latvija.gov.lv@evil.example/', 'eservice') },
    });
    expect(userInfo.status).to.equal(422);
    expect(errorOf(userInfo).details).to.deep.include({
      path: `/description/channels/${eservice}/eserviceUrl`,
      code: 'unsafe_link',
      message: 'No user name or password in the address.',
    });
    for (const [i, link] of ['https://latvija.gov.lv/pakalpojumi/1', '/e-pakalpojumi/residence-declaration'].entries()) {
      const ok = await call('POST', BASE, {
        as: 'admin-pmlp',
        json: { description: { ...withLink(link, 'eservice'), id: `${d.id}-${i}` } },
      });
      expect(ok.status, `${link} ${JSON.stringify(ok.body)}`).to.equal(201);
    }
  });

  it('withdraws a service from the public catalogue and records it in the feed', async () => {
    const d = newDescription();
    await call('POST', BASE, { as: 'admin-pmlp', json: { description: d } });
    await submitAndWaitForWorkflow(d.id);
    await call('POST', `/api/v1/catalog/reviews/${d.id}/1`, { as: 'approver-pmlp', json: { decision: 'approve' } });
    await call('POST', `/api/v1/catalog/reviews/${d.id}/1`, { as: 'catalogue-admin', json: { decision: 'approve' } });
    const withdrawn = await call('POST', `${BASE}/${d.id}/withdraw`, { as: 'admin-pmlp', json: { reason: 'Merged into another service' } });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).to.equal(200);
    expect(await publishedTitle(d.id)).to.equal(null);
    expect((await call('POST', `${BASE}/${d.id}/withdraw`, { as: 'admin-pmlp', json: { reason: 'again' } })).status).to.equal(409);
    const { rows } = await stack.db.pool.query(`SELECT kind FROM catalog_changes WHERE service_id = $1 ORDER BY seq`, [d.id]);
    expect(rows.map((r) => r.kind)).to.deep.equal(['published', 'withdrawn']);
    recorded.push({ name: 'published-first-version', workflowId: catalogPublicationWorkflowId(d.id, 1) });
  });

  it('lists stale descriptions, reminds and escalates from the schedule, and "reviewed" moves the date', async () => {
    await stack.db.pool.query(`UPDATE catalog_services SET review_by = current_date - 3 WHERE service_id = 'passport-issue'`);
    await stack.db.pool.query(`UPDATE catalog_services SET review_by = current_date + 10 WHERE service_id = 'declared-address-statement'`);
    const stale = await call('GET', '/api/v1/catalog/stale', { as: 'catalogue-admin' });
    const byId = Object.fromEntries(stale.body.items.map((i: any) => [i.serviceId, i]));
    expect(byId['passport-issue']).to.deep.include({ overdue: true, stale: true });
    expect(byId['declared-address-statement']).to.deep.include({ overdue: false, stale: true });
    expect(byId['income-tax-return']).to.equal(undefined);

    const client = await stack.api.deps.temporal();
    const schedule = client.schedule.getHandle(CATALOG_FRESHNESS_SCHEDULE_ID);
    await waitFor('freshness schedule', async () => (await schedule.describe()).action.type === 'startWorkflow');
    await schedule.trigger();
    const reminders = await waitFor('reminders', async () => {
      const r = await call('GET', '/api/v1/staff/reminders', { as: 'admin-pmlp' });
      return (
        r.body.items.some((i: any) => i.serviceId === 'passport-issue') &&
        r.body.items.some((i: any) => i.serviceId === 'declared-address-statement') &&
        r.body.items
      );
    });
    expect(reminders.map((r: any) => `${r.serviceId}:${r.kind}`)).to.include.members([
      'passport-issue:review_overdue',
      'declared-address-statement:review_due',
    ]);
    const escalated = await call('GET', '/api/v1/staff/reminders', { as: 'catalogue-admin' });
    expect(escalated.body.items.map((r: any) => `${r.serviceId}:${r.kind}`))
      .to.include('passport-issue:review_overdue')
      .and.not.include('declared-address-statement:review_due');
    const approver = await call('GET', '/api/v1/staff/reminders', { as: 'approver-pmlp' });
    expect(approver.body.items.map((r: any) => r.serviceId)).to.include('passport-issue');
    expect(
      (await call('GET', '/api/v1/staff/reminders', { as: 'admin-pmlp' })).body.items.every((r: any) => r.agencyId === 'pmlp'),
    ).to.equal(true);
    const first = reminders.find((r: any) => r.serviceId === 'passport-issue');
    expect((await call('POST', `/api/v1/staff/reminders/${encodeURIComponent(first.id)}/read`, { as: 'admin-pmlp' })).status).to.equal(204);
    expect((await call('POST', `/api/v1/staff/reminders/${encodeURIComponent(first.id)}/read`, { as: 'catalogue-admin' })).status).to.equal(
      404,
    ); // not addressed to them
    const afterRead = (await call('GET', '/api/v1/staff/reminders', { as: 'admin-pmlp' })).body.items;
    expect(afterRead.find((r: any) => r.id === first.id).readAt).to.be.a('string');
    expect(afterRead.at(-1).id).to.equal(first.id); // read ones last

    const reviewed = await call('POST', `${BASE}/passport-issue/reviewed`, { as: 'admin-pmlp', json: {} });
    expect(reviewed.status, JSON.stringify(reviewed.body)).to.equal(200);
    const afterReview = await call('GET', '/api/v1/catalog/stale', { as: 'catalogue-admin' });
    expect(afterReview.body.items.map((i: any) => i.serviceId)).to.not.include('passport-issue');
    const tooFar = await call('POST', `${BASE}/passport-issue/reviewed`, { as: 'admin-pmlp', json: { reviewBy: '2099-01-01' } });
    expect(tooFar.status).to.equal(422);
    const versions = await call('GET', `${BASE}/passport-issue/versions`, { as: 'admin-pmlp' });
    expect(versions.body.items).to.have.length(1); // no new version
  });
});
