// Co-browse autosave (api/assist/autosave.ts): edits are merged into the saved draft inside PostgreSQL
// (draft_merge, migration 0010) with the semantics of setPointer and of field versions; staff edits are audited one
// row per field per save, before the save, and never twice; concurrent saves to one draft lose nothing.
import { expect } from 'chai';
import type { Pool } from 'pg';
import { stack } from '../../setup';
import { waitFor } from '../../helpers/wait';
import { ANNA, STAFF, auditRows, lastAuditId, openPrefilled, savedDraft } from '../../helpers/assist';
import { setPointer } from '../../../forms/eservice-definition/expressions';
import { editFlusher, flushEdits, saveDrafts } from '../../../api/assist/autosave';
import { memoryFieldVersions } from '../../../api/assist/field-store';
import type { AuditEntry } from '../../../db/audit';

const pool = (): Pool => stack.db.pool;

async function merged(data: unknown, versions: Record<string, number>, edits: Array<[string, unknown, number]>) {
  const { rows } = await pool().query('SELECT (m).data, (m).versions FROM (SELECT draft_merge($1::jsonb, $2::jsonb, $3::jsonb) AS m) x', [
    JSON.stringify(data),
    JSON.stringify(versions),
    JSON.stringify(edits),
  ]);
  return rows[0] as { data: Record<string, unknown>; versions: Record<string, number> };
}

const staffEdit = (caseId: string, pointer: string, version: number): AuditEntry => ({
  actor: { type: 'staff', id: STAFF, office: 'vpvkac-riga' },
  subject: { type: 'natural', id: ANNA },
  action: 'update',
  resource: `application:${caseId}`,
  purpose: 'edit',
  details: { grantId: 'grant-1', basis: 'consent', mode: 'assist', pointer, version },
});

/** The real pool, except that the first statement containing `marker` fails (a dropped connection). */
function failingOnce(marker: string): Pool {
  let failed = false;
  return {
    query: (...args: Parameters<Pool['query']>) => {
      if (!failed && typeof args[0] === 'string' && args[0].includes(marker)) {
        failed = true;
        return Promise.reject(new Error('connection lost'));
      }
      return (pool().query as (...a: unknown[]) => unknown)(...args);
    },
  } as unknown as Pool;
}

describe('api/assist autosave', () => {
  describe('draft_merge (in PostgreSQL)', () => {
    // [name, saved draft, pointer, value, the draft expected afterwards]: JSON Pointers (RFC 6901, ~1 for / and ~0 for ~)
    // set as setPointer does, a missing or non-object step on the way becoming an object. Literal expectations, so the
    // SQL and the JS merge are each held to the same written-down answer, not only to each other.
    const cases: Array<[string, Record<string, unknown>, string, unknown, Record<string, unknown>]> = [
      ['a new top-level field', { a: 1 }, '/b', 'x', { a: 1, b: 'x' }],
      ['an existing field', { a: 1, b: 'old' }, '/b', 'new', { a: 1, b: 'new' }],
      [
        'a nested field whose parents are missing',
        { a: 1 },
        '/applicant/address/text',
        'Rīga',
        { a: 1, applicant: { address: { text: 'Rīga' } } },
      ],
      [
        'a nested field next to its siblings',
        { applicant: { givenName: 'Anna', familyName: 'Bērziņa' } },
        '/applicant/phone',
        '+371 20000000',
        { applicant: { givenName: 'Anna', familyName: 'Bērziņa', phone: '+371 20000000' } },
      ],
      [
        'through a parent that is not an object',
        { applicant: 'text' },
        '/applicant/givenName',
        'Anna',
        { applicant: { givenName: 'Anna' } },
      ],
      ['through a parent that is an array', { list: [1, 2] }, '/list/0', 'x', { list: { 0: 'x' } }],
      ['escaped keys', {}, '/a~1b/c~0d', true, { 'a/b': { 'c~d': true } }],
      ['a key that spells an escape once decoded', {}, '/~01', 1, { '~1': 1 }],
      ['a null value', { a: 1 }, '/a', null, { a: null }],
      [
        'an object value, replacing what was there',
        { a: 1, newAddress: { code: '1', note: 'old' } },
        '/newAddress',
        { code: '101', text: 'Rīga' },
        { a: 1, newAddress: { code: '101', text: 'Rīga' } },
      ],
    ];
    for (const [name, data, pointer, value, expected] of cases) {
      it(`sets ${name}`, async () => {
        const { data: got, versions } = await merged(data, {}, [[pointer, value, 1]]);
        expect(got, 'draft_merge in SQL').to.deep.equal(expected);
        expect(setPointer(data, pointer, value), 'setPointer in JS').to.deep.equal(expected);
        expect(versions).to.deep.equal({ [pointer]: 1 });
      });
    }

    it("applies an edit only if newer than its field's saved version, in the order the edits were made", async () => {
      const { data, versions } = await merged({ phone: 'saved', email: 'saved' }, { '/phone': 5, '/email': 2 }, [
        ['/phone', 'older', 4],
        ['/phone', 'same', 5],
        ['/email', 'first', 3],
        ['/email', 'second', 4],
        ['/email', 'stale', 3],
        ['/city', 'new', 1],
      ]);
      expect(data).to.deep.equal({ phone: 'saved', email: 'second', city: 'new' });
      expect(versions).to.deep.equal({ '/phone': 5, '/email': 4, '/city': 1 });
    });
  });

  describe('saveDrafts', () => {
    it('saves several applications in one go, and tells which are no longer drafts (leaving those unchanged)', async () => {
      const [a, b, frozen] = [await openPrefilled(), await openPrefilled(), await openPrefilled()];
      const before = await savedDraft(frozen.id);
      await pool().query("UPDATE cases SET status = 'submitted' WHERE id = $1", [frozen.id]);
      const result = await saveDrafts(pool(), [
        {
          caseId: a.id,
          edits: [
            { pointer: '/phone', value: '+371 20000001', version: 2 },
            { pointer: '/email', value: 'a@example.lv', version: 1 },
          ],
          audits: [],
          savedBy: 'citizen-anna',
        },
        { caseId: b.id, edits: [{ pointer: '/phone', value: '+371 20000002', version: 1 }], audits: [], savedBy: STAFF },
        { caseId: frozen.id, edits: [{ pointer: '/phone', value: 'too late', version: 1 }], audits: [], savedBy: STAFF },
      ]);
      expect(result.get(a.id)).to.deep.equal({ '/phone': 2, '/email': 1 });
      expect(result.get(b.id)).to.deep.equal({ '/phone': 1 });
      expect(result.get(frozen.id)).to.equal(null);
      const [savedA, savedB] = [await savedDraft(a.id), await savedDraft(b.id)];
      expect(savedA.data).to.deep.include({ phone: '+371 20000001', email: 'a@example.lv' });
      expect(savedA.data.applicant).to.deep.equal(a.draft.data.applicant); // the prefill is kept
      expect(savedA.versions).to.deep.include({ '/phone': 2, '/email': 1 });
      expect(savedB).to.deep.include({ savedBy: STAFF });
      expect(await savedDraft(frozen.id)).to.deep.equal(before);
    });

    it('loses nothing when several nodes save edits to one draft at the same moment', async () => {
      const app = await openPrefilled();
      const {
        rows: [{ draft_version: from }],
      } = await pool().query('SELECT draft_version FROM applications WHERE case_id = $1', [app.id]);
      const fields = Array.from({ length: 12 }, (_, i) => `/notes/n${i}`);
      await Promise.all(
        fields.map((pointer, i) => flushEdits(pool(), app.id, [{ pointer, value: `note ${i}`, version: 1 }], 'citizen-anna')),
      );
      const saved = await savedDraft(app.id);
      expect(saved.data.notes).to.deep.equal(Object.fromEntries(fields.map((p, i) => [p.slice(7), `note ${i}`])));
      const {
        rows: [{ draft_version: to }],
      } = await pool().query('SELECT draft_version FROM applications WHERE case_id = $1', [app.id]);
      expect(to - from).to.equal(fields.length);
      // Saving an edit that is not newer leaves the draft (and its version) alone.
      await flushEdits(pool(), app.id, [{ pointer: '/notes/n0', value: 'stale', version: 1 }], 'citizen-anna');
      expect((await savedDraft(app.id)).data.notes.n0).to.equal('note 0');
      const {
        rows: [{ draft_version: after }],
      } = await pool().query('SELECT draft_version FROM applications WHERE case_id = $1', [app.id]);
      expect(after).to.equal(to);
    });
  });

  describe('autosave rounds', () => {
    it('audits a field typed into letter by letter as one row with its versions, before saving, and never twice after a failed save', async () => {
      const app = await openPrefilled();
      const since = await lastAuditId();
      // The database refuses the first merge: the audit rows are written, the edits are kept for the next round.
      const flaky = failingOnce('draft_merge');
      const errors: unknown[] = [];
      const flusher = editFlusher(flaky, memoryFieldVersions(), (e) => errors.push(e), 50);
      const phone = '+371 26000000';
      for (let i = 1; i <= phone.length; i += 1) {
        flusher.add(app.id, { pointer: '/phone', value: phone.slice(0, i), version: i }, STAFF, staffEdit(app.id, '/phone', i));
      }
      flusher.add(app.id, { pointer: '/email', value: 'anna@example.lv', version: 1 }, 'citizen-anna');
      await waitFor('saved after the failure', async () => ((await savedDraft(app.id)).data.phone === phone ? true : null));
      expect(errors).to.have.length(1);
      const saved = await savedDraft(app.id);
      expect(saved.data).to.deep.include({ phone, email: 'anna@example.lv' });
      expect(saved.versions).to.deep.include({ '/phone': phone.length, '/email': 1 });
      const rows = await auditRows(since, { actor: STAFF, purpose: 'edit', resource: `application:${app.id}` });
      expect(rows).to.have.length(1);
      expect(rows[0].details).to.deep.include({
        pointer: '/phone',
        firstVersion: 1,
        version: phone.length,
        edits: phone.length,
        grantId: 'grant-1',
      });
      await flusher.flushAll();
    });

    it("keeps a field's keystroke count when writing its audit row fails and is tried again", async () => {
      const app = await openPrefilled();
      const since = await lastAuditId();
      const errors: unknown[] = [];
      const flusher = editFlusher(failingOnce('INSERT INTO audit_log'), memoryFieldVersions(), (e) => errors.push(e), 50);
      const phone = '+371 27000000';
      for (let i = 1; i <= 5; i += 1)
        flusher.add(app.id, { pointer: '/phone', value: phone.slice(0, 8 + i), version: i }, STAFF, staffEdit(app.id, '/phone', i));
      await waitFor('saved after the failure', async () => ((await savedDraft(app.id)).versions['/phone'] === 5 ? true : null));
      expect(errors).to.have.length(1);
      const rows = await auditRows(since, { actor: STAFF, purpose: 'edit', resource: `application:${app.id}` });
      expect(rows).to.have.length(1);
      expect(rows[0].details).to.deep.include({ pointer: '/phone', firstVersion: 1, version: 5, edits: 5 });
      await flusher.flushAll();
    });
  });
});
