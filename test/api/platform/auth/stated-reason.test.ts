// The one implementation of what an agency states for a read (api/platform/auth/stated-reason.ts, re-exported by the
// policy): a case read and a profile read check the same things and write the same audit rows, the embargo's own row
// always `embargo:<resource>` with purpose `embargo-set` (the purpose "who used my data" never lists).
import { expect } from 'chai';
import { agencyPersonDataRead, checkStatedReason, EMBARGO_SET, withStatedReason } from '../../../../api/platform/auth/policy';
import type { Principal } from '../../../../api/platform/auth/principal';
import { ApiError } from '../../../../api/platform/errors';

const rigaDay = (days: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Riga' }).format(new Date(Date.now() + days * 86_400_000));

function refusal(run: () => void): string | undefined {
  try {
    run();
  } catch (e) {
    expect(e).to.be.instanceOf(ApiError);
    return (e as ApiError).code;
  }
  return undefined;
}

describe('api/platform/auth/stated-reason', () => {
  const grounds = { purpose: 'criminal-investigation', legalBasis: 'Kriminālprocesa likums, 190. pants' };

  it('lets only an agency state a reason; an embargo needs its grounds and a Latvian day after today, within ten years', () => {
    expect(refusal(() => checkStatedReason({}, false))).to.equal(undefined);
    expect(refusal(() => checkStatedReason({ purpose: 'curiosity' }, false))).to.equal('purpose_not_for_you');
    expect(refusal(() => checkStatedReason({ purpose: 'x', embargoUntil: rigaDay(5) }, true))).to.equal('embargo_needs_grounds');
    expect(refusal(() => checkStatedReason({ ...grounds, embargoUntil: rigaDay(0) }, true))).to.equal('invalid_embargo');
    expect(refusal(() => checkStatedReason({ ...grounds, embargoUntil: rigaDay(-1) }, true))).to.equal('invalid_embargo');
    expect(refusal(() => checkStatedReason({ ...grounds, embargoUntil: rigaDay(3660) }, true))).to.equal('invalid_embargo');
    expect(refusal(() => checkStatedReason({ ...grounds, embargoUntil: rigaDay(1) }, true))).to.equal(undefined);
    expect(refusal(() => checkStatedReason({ ...grounds, embargoUntil: rigaDay(3650) }, true))).to.equal(undefined);
  });

  it('writes the same embargo row for a read of a case and of a profile', () => {
    const until = rigaDay(30);
    const officer: Principal = { sub: 'officer-pmlp', name: 'Officer', roles: ['agency-officer'], agency: 'pmlp' };
    const profile = agencyPersonDataRead(officer, '15038511239', 'profile:contacts', { ...grounds, embargoUntil: until }, 'req-1');
    const caseRead = withStatedReason(
      {
        actor: { type: 'staff', id: 'officer-pmlp', agency: 'pmlp' },
        subject: { type: 'natural', id: '15038511239' },
        action: 'read',
        resource: 'case:LV-0000000001-01',
        purpose: 'case-handling',
      },
      { ...grounds, embargoUntil: until },
    );
    for (const [entries, resource] of [
      [profile, 'profile:contacts'],
      [caseRead, 'case:LV-0000000001-01'],
    ] as const) {
      expect(entries?.map((e) => [e.action, e.resource, e.purpose])).to.deep.equal([
        ['read', resource, grounds.purpose],
        ['create', `embargo:${resource}`, EMBARGO_SET],
      ]);
      for (const e of entries ?? []) expect(e.details).to.include({ legalBasis: grounds.legalBasis, embargoUntil: until });
      expect(entries?.[1].details).to.include({ readPurpose: grounds.purpose });
    }
    expect(profile?.[0].details).to.include({ role: 'agency-officer' });
    // Without an embargo, the read alone; a citizen is not an agency's reader.
    expect(withStatedReason(caseRead[0], grounds)).to.have.length(1);
    const citizen: Principal = { sub: 'citizen-anna', name: 'Anna', roles: ['citizen'] };
    expect(agencyPersonDataRead(citizen, '15038511239', 'profile:contacts', grounds, 'req-2')).to.equal(null);
  });
});
