// The one policy (api/platform/auth/policy.ts) as a table: principal × basis × action × resource → allow (and on
// what basis) or deny. Every row runs against PostgreSQL with real rows (delegations, mandates, consents,
// joint-representation confirmations, cases) and the enterprise register simulator, as the API asks it.
import crypto from 'node:crypto';
import { expect } from 'chai';
import { stack } from '../../../setup';
import { accessTo, accessToParty, type Access, type CaseSubject, type Party } from '../../../../api/platform/auth/policy';
import { useEnterpriseRegister } from '../../../../api/platform/auth/company-representation';
import type { Principal } from '../../../../api/platform/auth/principal';
import { registerCases } from '../../../../db/cases/register-cases';
import { ANNA_CODE, JANIS_CODE, persons } from '../../../../simulators/population-register/data';
import { JOINT_RIGHTS_REGCODE, SOLE_RIGHTS_REGCODE, ANNA_COMPANY_REGCODE } from '../../../../simulators/enterprise-register/data';

const code = (i: number) => persons[2 + i].person_code; // the generated persons of the population register simulator
const LIGA = code(0); // sole rights at SOLE_RIGHTS_REGCODE
const JURIS = code(3); // joint rights at JOINT_RIGHTS_REGCODE, with Jānis
const NO_RIGHTS_MEMBER = code(1); // a board member of Anna's company without representation rights
const LIQUIDATED_CHAIR = code(11); // chairs AS "Daugavas tilti", in liquidation
const [VIEWER, REVOKED, EXPIRED, SCHEDULED, NARROW, MANDATED, MANDATE_REVOKED] = [14, 15, 16, 17, 18, 19, 20].map(code);

const citizen = (person: string, actingFor?: Party): Principal => ({
  sub: `person-${person}`,
  name: person,
  roles: ['citizen'],
  person: { type: 'natural', id: person },
  ...(actingFor ? { actingFor } : {}),
});
const staff = (sub: string, agency: string, role: 'kac-staff' | 'agency-officer' = 'agency-officer'): Principal => ({
  sub,
  name: sub,
  roles: [role],
  agency,
});
const anna: Party = { type: 'natural', id: ANNA_CODE };
const company = (id: string): Party => ({ type: 'legal', id });

type Resource = { party: Party; eserviceId?: string } | { subject: () => CaseSubject };
interface Row {
  who: string;
  principal: Principal;
  basis: string;
  action: 'read' | 'write';
  resource: Resource;
  expect: null | { basis: Access['basis']; rights?: 'sole' | 'joint' };
}

const ids: Record<string, string> = {};
const subjects: Record<string, CaseSubject> = {};

async function delegation(
  key: string,
  representative: string,
  opts: { rights?: string; from?: string; until?: string; revoked?: boolean; eservices?: string[] },
) {
  ids[key] = crypto.randomUUID();
  const eservices = opts.eservices ?? [];
  await stack.db.pool.query(
    `INSERT INTO delegations (id, principal_type, principal_id, principal_name, representative_type, representative_id, representative_name, scope,
       eservice_ids, valid_from, valid_until, rights, revoked_at)
     VALUES ($1, 'natural', $2, 'Anna Bērziņa', 'natural', $3, 'R', $4, $5, COALESCE($6::date, current_date), $7::date, $8, CASE WHEN $9 THEN now() END)`,
    [
      ids[key],
      ANNA_CODE,
      representative,
      eservices.length ? 'eservices' : 'all',
      eservices,
      opts.from ?? null,
      opts.until ?? null,
      opts.rights ?? 'act',
      !!opts.revoked,
    ],
  );
}

async function mandate(key: string, representative: string, revoked: boolean) {
  const doc = crypto.randomUUID();
  ids[key] = crypto.randomUUID();
  await stack.db.pool.query(
    `INSERT INTO mandate_documents (id, uploaded_by, file_name, content_type, byte_size, content, sha256)
     VALUES ($1, 'staff-vpvkac-riga', 'm.pdf', 'application/pdf', 3, '\\x255044'::bytea, 'x')`,
    [doc],
  );
  await stack.db.pool.query(
    `INSERT INTO mandates (id, principal_type, principal_id, representative_type, representative_id, representative_name, document_id, scope,
       valid_from, recorded_by, revoked_at)
     VALUES ($1, 'natural', $2, 'natural', $3, 'R', $4, 'all', current_date, 'staff-vpvkac-riga', CASE WHEN $5 THEN now() END)`,
    [ids[key], ANNA_CODE, representative, doc, revoked],
  );
}

async function caseOf(key: string, recipient: Party, agencyId: string): Promise<void> {
  const externalId = `policy-table-${key}-${crypto.randomUUID()}`;
  await registerCases(stack.db.pool, { agencyId, actorType: 'system', actorId: `system-${agencyId}` }, [
    {
      externalId,
      serviceId: agencyId === 'vid' ? 'tax-consultation' : 'declared-address-statement',
      channel: 'phone',
      recipient,
      statusHistory: [{ status: 'submitted', at: new Date().toISOString() }],
    },
  ]);
  const { rows } = await stack.db.pool.query<{ id: string }>('SELECT id FROM cases WHERE external_id = $1', [externalId]);
  subjects[key] = {
    kind: 'case',
    caseId: rows[0].id,
    agencyId,
    status: 'submitted',
    recipient,
    eserviceId: null,
    representative: null,
    acting: null,
  };
}

async function consent(key: string, caseKey: string, staffSub: string, mode: 'view' | 'assist') {
  ids[key] = crypto.randomUUID();
  await stack.db.pool.query(
    `INSERT INTO assist_grants (id, scope, case_id, person_type, person_id, mode, code_hash, created_by, expires_at, used_at, used_by)
     VALUES ($1, 'application', $2, 'natural', $3, $4, $5, 'citizen-anna', now() + interval '1 hour', now(), $6)`,
    [ids[key], subjects[caseKey].caseId, ANNA_CODE, mode, crypto.randomUUID(), staffSub],
  );
}

async function jointConfirmation(key: string, requester: string, confirmedBy: string[], revoked = false) {
  ids[key] = crypto.randomUUID();
  await stack.db.pool.query(
    `INSERT INTO representation_confirmations (id, company_reg_no, company_name, requester_id, requester_name, confirmed_by, valid_until, revoked_at)
     VALUES ($1, $2, 'SIA "Zemgales koks"', $3, 'R', $4, current_date + 30, CASE WHEN $5 THEN now() END)`,
    [ids[key], JOINT_RIGHTS_REGCODE, requester, confirmedBy, revoked],
  );
}

const app =
  (key: string, eserviceId: string): (() => CaseSubject) =>
  () => ({ ...subjects[key], kind: 'application', eserviceId });
const party = (p: Party, eserviceId?: string): Resource => ({ party: p, ...(eserviceId ? { eserviceId } : {}) });
const onCase = (key: string): Resource => ({ subject: () => subjects[key] });

const TABLE: Row[] = [
  { who: 'Anna', principal: citizen(ANNA_CODE), basis: 'own', action: 'write', resource: party(anna), expect: { basis: 'own' } },
  {
    who: 'Jānis',
    principal: citizen(JANIS_CODE),
    basis: 'delegation (act, all)',
    action: 'write',
    resource: party(anna),
    expect: { basis: 'delegation' },
  },
  {
    who: 'viewer',
    principal: citizen(VIEWER),
    basis: 'delegation (view)',
    action: 'read',
    resource: party(anna),
    expect: { basis: 'delegation' },
  },
  { who: 'viewer', principal: citizen(VIEWER), basis: 'delegation (view)', action: 'write', resource: party(anna), expect: null },
  { who: 'revoked', principal: citizen(REVOKED), basis: 'revoked delegation', action: 'read', resource: party(anna), expect: null },
  { who: 'expired', principal: citizen(EXPIRED), basis: 'expired delegation', action: 'read', resource: party(anna), expect: null },
  {
    who: 'scheduled',
    principal: citizen(SCHEDULED),
    basis: 'delegation from next week',
    action: 'read',
    resource: party(anna),
    expect: null,
  },
  {
    who: 'narrow',
    principal: citizen(NARROW),
    basis: 'delegation for another e-service',
    action: 'write',
    resource: party(anna, 'residence-declaration'),
    expect: null,
  },
  {
    who: 'narrow',
    principal: citizen(NARROW),
    basis: 'delegation for this e-service',
    action: 'write',
    resource: party(anna, 'declared-address-statement'),
    expect: { basis: 'delegation' },
  },
  {
    who: 'mandated',
    principal: citizen(MANDATED),
    basis: 'written mandate',
    action: 'write',
    resource: party(anna),
    expect: { basis: 'mandate' },
  },
  {
    who: 'mandate revoked',
    principal: citizen(MANDATE_REVOKED),
    basis: 'revoked written mandate',
    action: 'read',
    resource: party(anna),
    expect: null,
  },
  { who: 'a stranger', principal: citizen(code(21)), basis: 'none', action: 'read', resource: party(anna), expect: null },
  {
    who: 'Līga',
    principal: citizen(LIGA),
    basis: 'enterprise register, sole',
    action: 'write',
    resource: party(company(SOLE_RIGHTS_REGCODE)),
    expect: { basis: 'enterprise_register', rights: 'sole' },
  },
  {
    who: 'Līga',
    principal: citizen(LIGA),
    basis: 'not on that board',
    action: 'read',
    resource: party(company(JOINT_RIGHTS_REGCODE)),
    expect: null,
  },
  {
    who: 'Jānis',
    principal: citizen(JANIS_CODE),
    basis: 'enterprise register, joint, unconfirmed',
    action: 'read',
    resource: party(company(JOINT_RIGHTS_REGCODE)),
    expect: null,
  },
  {
    who: 'Juris',
    principal: citizen(JURIS),
    basis: 'enterprise register, joint, confirmed',
    action: 'write',
    resource: party(company(JOINT_RIGHTS_REGCODE)),
    expect: { basis: 'enterprise_register', rights: 'joint' },
  },
  {
    who: 'member',
    principal: citizen(NO_RIGHTS_MEMBER),
    basis: 'board member without rights',
    action: 'read',
    resource: party(company(ANNA_COMPANY_REGCODE)),
    expect: null,
  },
  {
    who: 'chair',
    principal: citizen(LIQUIDATED_CHAIR),
    basis: 'sole rights, company in liquidation',
    action: 'read',
    resource: party(company('40003278561')),
    expect: null,
  },
  {
    who: 'Līga acting for her company',
    principal: citizen(LIGA, company(SOLE_RIGHTS_REGCODE)),
    basis: 'act-for, another party',
    action: 'read',
    resource: party(company(JOINT_RIGHTS_REGCODE)),
    expect: null,
  },
  {
    who: 'Līga acting for her company',
    principal: citizen(LIGA, company(SOLE_RIGHTS_REGCODE)),
    basis: "act-for, the company's case",
    action: 'read',
    resource: onCase('company'),
    expect: { basis: 'enterprise_register', rights: 'sole' },
  },
  {
    who: 'Līga acting for her company',
    principal: citizen(LIGA, company(SOLE_RIGHTS_REGCODE)),
    basis: 'act-for, her own case',
    action: 'read',
    resource: onCase('liga'),
    expect: null,
  },
  { who: 'Līga', principal: citizen(LIGA), basis: 'own case', action: 'read', resource: onCase('liga'), expect: { basis: 'own' } },
  {
    who: 'Līga',
    principal: citizen(LIGA),
    basis: "enterprise register, the company's case",
    action: 'write',
    resource: onCase('company'),
    expect: { basis: 'enterprise_register', rights: 'sole' },
  },
  {
    who: 'Jānis',
    principal: citizen(JANIS_CODE),
    basis: "joint unconfirmed, the company's case",
    action: 'read',
    resource: onCase('joint'),
    expect: null,
  },
  {
    who: 'VID officer',
    principal: staff('officer-vid', 'vid'),
    basis: 'agency, own case',
    action: 'read',
    resource: onCase('company'),
    expect: { basis: 'agency' },
  },
  {
    who: 'PMLP officer',
    principal: staff('officer-pmlp', 'pmlp'),
    basis: "agency of another agency's case",
    action: 'read',
    resource: onCase('company'),
    expect: null,
  },
  {
    who: 'VID officer',
    principal: staff('officer-vid', 'vid'),
    basis: 'agency writes',
    action: 'write',
    resource: onCase('company'),
    expect: null,
  },
  {
    who: 'PMLP officer',
    principal: staff('officer-pmlp', 'pmlp'),
    basis: "agency, a citizen's unsubmitted draft",
    action: 'read',
    resource: { subject: () => ({ ...app('anna', 'residence-declaration')(), status: 'draft' }) },
    expect: null,
  },
  {
    who: 'counter staff',
    principal: staff('staff-table', 'vpvkac', 'kac-staff'),
    basis: 'consent (assist)',
    action: 'write',
    resource: { subject: app('anna', 'residence-declaration') },
    expect: { basis: 'consent' },
  },
  {
    who: 'counter staff',
    principal: staff('staff-viewer', 'vpvkac', 'kac-staff'),
    basis: 'consent (view) trying to write',
    action: 'write',
    resource: { subject: app('anna', 'residence-declaration') },
    expect: null,
  },
  {
    who: 'counter staff',
    principal: staff('staff-viewer', 'vpvkac', 'kac-staff'),
    basis: 'consent (view)',
    action: 'read',
    resource: { subject: app('anna', 'residence-declaration') },
    expect: { basis: 'consent' },
  },
  {
    who: 'counter staff',
    principal: staff('staff-other', 'vpvkac', 'kac-staff'),
    basis: 'no consent',
    action: 'read',
    resource: { subject: app('anna', 'residence-declaration') },
    expect: null,
  },
];

describe('api/platform/auth/policy: the table', function () {
  this.timeout(60_000);

  before(async () => {
    useEnterpriseRegister(stack.db.pool, stack.adapters.enterpriseRegister);
    // Other tests may have left a joint representative confirmed: the table starts from none.
    await stack.db.pool.query('UPDATE representation_confirmations SET revoked_at = now() WHERE revoked_at IS NULL');
    await delegation('janis', JANIS_CODE, {});
    await delegation('viewer', VIEWER, { rights: 'view' });
    await delegation('revoked', REVOKED, { revoked: true });
    const past = (
      await stack.db.pool.query<{ a: string; b: string }>('SELECT (current_date - 60)::text AS a, (current_date - 1)::text AS b')
    ).rows[0];
    await delegation('expired', EXPIRED, { from: past.a, until: past.b });
    const next = (await stack.db.pool.query<{ d: string }>('SELECT (current_date + 7)::text AS d')).rows[0].d;
    await delegation('scheduled', SCHEDULED, { from: next });
    await delegation('narrow', NARROW, { eservices: ['declared-address-statement'] });
    await mandate('mandated', MANDATED, false);
    await mandate('mandate-revoked', MANDATE_REVOKED, true);
    await caseOf('company', company(SOLE_RIGHTS_REGCODE), 'vid');
    await caseOf('joint', company(JOINT_RIGHTS_REGCODE), 'vid');
    await caseOf('liga', { type: 'natural', id: LIGA }, 'pmlp');
    await caseOf('anna', anna, 'pmlp');
    await consent('assist', 'anna', 'staff-table', 'assist');
    await consent('view', 'anna', 'staff-viewer', 'view');
    await jointConfirmation('juris', JURIS, [JANIS_CODE]); // Juris asked, Jānis confirmed
    await jointConfirmation('janis-withdrawn', JANIS_CODE, [JURIS], true); // Jānis asked, Juris confirmed, then withdrew
  });

  for (const row of TABLE) {
    const what = 'party' in row.resource ? `${row.resource.party.type}:${row.resource.eserviceId ?? 'account'}` : 'case';
    const verdict = row.expect ? `allow (${row.expect.basis}${row.expect.rights ? `, ${row.expect.rights}` : ''})` : 'deny';
    it(`${row.who} × ${row.basis} × ${row.action} × ${what} → ${verdict}`, async () => {
      const r = row.resource;
      const access =
        'party' in r
          ? await accessToParty(
              stack.db.pool,
              row.principal,
              r.party,
              row.action,
              r.eserviceId ? { kind: 'application', eserviceId: r.eserviceId } : undefined,
            )
          : await accessTo(stack.db.pool, row.principal, r.subject(), row.action);
      if (!row.expect) {
        expect(access).to.equal(null);
        return;
      }
      expect(access, 'a basis').to.not.equal(null);
      expect(access?.basis).to.equal(row.expect.basis);
      if (row.expect.rights) expect(access?.rights).to.equal(row.expect.rights);
      if (row.expect.basis !== 'own' && row.expect.basis !== 'agency') expect(access?.onBehalfOf).to.match(/^(natural|legal):/);
    });
  }

  it('a joint representative is refused again at once when a confirmation is withdrawn', async () => {
    const juris = citizen(JURIS);
    const joint = company(JOINT_RIGHTS_REGCODE);
    const before = await accessToParty(stack.db.pool, juris, joint, 'read');
    expect(before?.reference).to.equal(ids.juris);
    await stack.db.pool.query('UPDATE representation_confirmations SET revoked_at = now() WHERE id = $1', [ids.juris]);
    expect(await accessToParty(stack.db.pool, juris, joint, 'read')).to.equal(null);
  });

  it('a delegation holder is refused at once when the delegation is revoked', async () => {
    const janis = citizen(JANIS_CODE);
    expect((await accessToParty(stack.db.pool, janis, anna, 'write'))?.reference).to.equal(ids.janis);
    await stack.db.pool.query('UPDATE delegations SET revoked_at = now() WHERE id = $1', [ids.janis]);
    expect(await accessToParty(stack.db.pool, janis, anna, 'read')).to.equal(null);
  });
});
