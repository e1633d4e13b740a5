// What an agency sees of a client's history (api/platform/auth/policy.ts `clientTimelineScope`), as a table: its own
// agency's events; a legal basis its agency holds widens the view to the kinds or agencies the basis names; anything
// else is refused (not staff, an unknown basis, a basis the agency does not hold). Pure: the fast tier.
import { expect } from 'chai';
import { clientTimelineScope, TIMELINE_LEGAL_BASES } from '../../../../api/platform/auth/policy';
import type { Principal, Role } from '../../../../api/platform/auth/principal';
import { TIMELINE_KINDS } from '../../../../db/timeline/sources';

const staff = (agency: string | undefined, roles: Role[] = ['agency-officer']): Principal => ({
  sub: `staff-${agency}`,
  name: 'x',
  roles,
  ...(agency ? { agency } : {}),
});

describe('policy: an agency’s view of a client’s history', () => {
  const rows: Array<[string, Principal, string | undefined, unknown]> = [
    ['an officer without a basis: their agency only', staff('pmlp'), undefined, { agencies: ['pmlp'], kinds: [], basis: null }],
    ['an administrator likewise', staff('vid', ['agency-admin']), undefined, { agencies: ['vid'], kinds: [], basis: null }],
    [
      'VID on tax administration: also invoices and payments of every agency',
      staff('vid'),
      'tax-administration',
      { agencies: ['vid'], kinds: ['invoice', 'payment'] },
    ],
    ['any agency on guardianship: also delegations', staff('pmlp'), 'guardianship', { agencies: ['pmlp'], kinds: ['delegation'] }],
    [
      'Riga on residence registration: also every PMLP event',
      staff('riga'),
      'residence-registration',
      { agencies: ['riga', 'pmlp'], kinds: [] },
    ],
    ['PMLP on tax administration: not held', staff('pmlp'), 'tax-administration', { refused: 'not-held' }],
    ['an unknown basis', staff('pmlp'), 'curiosity', { refused: 'unknown' }],
    [
      'a citizen',
      { sub: 'c', name: 'c', roles: ['citizen'], person: { type: 'natural', id: '01014811002' } },
      undefined,
      { refused: 'not-staff' },
    ],
    ['customer-centre staff (no agency)', staff(undefined, ['kac-staff']), undefined, { refused: 'not-staff' }],
    ['an agency system', staff('vid', ['agency-system']), undefined, { refused: 'not-staff' }],
  ];
  for (const [name, principal, basis, expected] of rows) {
    it(name, () => {
      const scope = clientTimelineScope(principal, basis);
      if ('refused' in scope) expect(scope).to.deep.equal(expected);
      else
        expect({
          agencies: scope.agencies,
          kinds: scope.kinds,
          ...('basis' in (expected as object) ? { basis: scope.basis } : {}),
        }).to.deep.equal(expected);
    });
  }

  it('names only kinds the history has, and bases by unique codes', () => {
    for (const b of TIMELINE_LEGAL_BASES) expect(TIMELINE_KINDS).to.include.members([...b.kinds]);
    expect(new Set(TIMELINE_LEGAL_BASES.map((b) => b.code)).size).to.equal(TIMELINE_LEGAL_BASES.length);
  });
});
