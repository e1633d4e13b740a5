// The applications' and e-service definitions' ordinary reads go through Sequelize models (db/applications/models.ts,
// db/eservice-definitions/models.ts) on the pg pool's own connections: they must read exactly what SQL reads from
// the same rows (JSON parsed, timestamps as Dates, bytea as the same bytes), and the inbox filter what it filtered.
import { expect } from 'chai';
import { stack } from '../../setup';
import { call } from '../../helpers/http';
import { waitFor } from '../../helpers/wait';
import { pinnedDefinition, savedDraft, submittedData } from '../../../db/applications/reads';
import { countFilesOfApplication, filesOfApplication } from '../../../db/applications/files';
import { documentExists, documentOfApplication, documentTitlesOf } from '../../../db/applications/documents';
import { agencyInbox } from '../../../db/applications/tasks';
import { definitionHead, definitionVersionContent, publishedVersionsOf } from '../../../db/eservice-definitions/reads';

describe('db/applications and db/eservice-definitions: model reads', () => {
  it('read an application, its file and its issued document as SQL does', async function () {
    this.timeout(120_000);
    const pool = stack.db.pool;
    const opened = await call('POST', '/api/v1/applications', { as: 'citizen-anna', json: { eserviceId: 'declared-address-statement' } });
    expect(opened.status).to.equal(201);
    const caseId = opened.body.id as string;
    const upload = await call('POST', `/api/v1/applications/${caseId}/files`, {
      as: 'citizen-anna',
      body: '%PDF-1.4 lease',
      headers: { 'content-type': 'application/pdf', 'x-file-name': 'lease.pdf' },
    });
    expect(upload.status).to.equal(201);
    expect((await call('POST', `/api/v1/applications/${caseId}/submit`, { as: 'citizen-anna', json: {} })).status).to.equal(200);
    const documentId = await waitFor(
      `a document of ${caseId}`,
      async () => (await pool.query('SELECT id FROM documents WHERE case_id = $1', [caseId])).rows[0]?.id as string | undefined,
      90_000,
    );

    const [app] = (await pool.query('SELECT * FROM applications WHERE case_id = $1', [caseId])).rows;
    expect(await pinnedDefinition(pool, caseId)).to.deep.equal({ definitionId: app.definition_id, version: app.definition_version });
    expect(await savedDraft(pool, caseId)).to.deep.equal({ data: app.draft_data, version: app.draft_version });
    expect(await submittedData(pool, caseId)).to.deep.equal(app.submitted_data);
    expect(await pinnedDefinition(pool, 'LV-0000000000-00')).to.equal(null);

    const [file] = (await pool.query('SELECT * FROM application_files WHERE case_id = $1', [caseId])).rows;
    expect(await filesOfApplication(pool, caseId)).to.deep.equal([
      { id: file.id, fileName: file.file_name, contentType: file.content_type, byteSize: file.byte_size, createdAt: file.created_at },
    ]);
    expect(await countFilesOfApplication(pool, caseId, [file.id, file.id])).to.equal(1);

    const [doc] = (await pool.query('SELECT * FROM documents WHERE id = $1', [documentId])).rows;
    const read = await documentOfApplication(pool, documentId, caseId);
    expect(read).to.deep.include({ fileName: doc.file_name, contentType: doc.content_type, sha256: doc.sha256 });
    expect(Buffer.isBuffer(read?.content) && read.content.equals(doc.content), 'the same bytes').to.equal(true);
    expect(await documentOfApplication(pool, documentId, 'LV-0000000000-00')).to.equal(null);
    expect(await documentTitlesOf(pool, caseId)).to.deep.equal([{ id: doc.id, titleLv: doc.title_lv, titleEn: doc.title_en }]);
    expect(await documentExists(pool, documentId)).to.equal(true);
    expect(await documentExists(pool, `${documentId}-none`)).to.equal(false);
  });

  it('read a definition, its versions and a version content as SQL does', async () => {
    const pool = stack.db.pool;
    const [d] = (await pool.query("SELECT * FROM eservice_definitions WHERE id = 'declared-address-statement'")).rows;
    expect(await definitionHead(pool, d.id)).to.deep.equal({ agencyId: d.agency_id, draft: d.draft, latestVersion: d.latest_version });
    const versions = (await pool.query('SELECT * FROM eservice_definition_versions WHERE definition_id = $1 ORDER BY version', [d.id]))
      .rows;
    expect(await publishedVersionsOf(pool, d.id)).to.deep.equal(
      versions.map((v) => ({ version: v.version, publishedAt: v.published_at, publishedBy: v.published_by })),
    );
    expect(await definitionVersionContent(pool, d.id, versions[0].version)).to.deep.equal(versions[0].content);
    expect(await definitionVersionContent(pool, d.id, 999)).to.equal(null);
    expect(await definitionHead(pool, 'no-such-e-service')).to.equal(null);
  });

  it("filter an agency's inbox (mine or everyone's) as the route's SQL did", async () => {
    const pool = stack.db.pool;
    for (const mine of [false, true]) {
      const { rows: expected } = await pool.query(
        `SELECT t.id FROM tasks t JOIN cases c ON c.id = t.case_id
          WHERE t.agency_id = $1 AND t.status = ANY($2::text[]) AND (NOT $3 OR t.claimed_by = $4) ORDER BY t.due_at ASC, t.id ASC`,
        ['pmlp', ['open', 'claimed', 'completed'], mine, 'officer-pmlp'],
      );
      const page = await agencyInbox(
        pool,
        {
          agencyId: 'pmlp',
          statuses: ['open', 'claimed', 'completed'],
          ...(mine ? { claimedBy: 'officer-pmlp' } : {}),
          sort: 'due_at',
        },
        { limit: 1000, count: true },
      );
      expect(
        page.rows.map((r) => r.id),
        `mine: ${mine}`,
      ).to.deep.equal(expected.map((r) => r.id));
      expect(page.total).to.deep.equal({ value: expected.length, exact: true });
    }
  });
});
