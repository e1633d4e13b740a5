// The identity rules of an e-service as a table: who may open it (minimum level of assurance, a Latvian personal code)
// and what the sign-in fills in. Pure: no stack.
import { expect } from 'chai';
import { checkIdentityRequirements, identityDraft } from '../../../api/applications/identity-requirements';
import type { Principal } from '../../../api/platform/auth/principal';
import type { EServiceDefinition } from '../../../forms/eservice-definition/dsl';
import { levelOfAcr, meetsLevel } from '../../../db/domain/level-of-assurance';

const LOA = (level: string) => `http://eidas.europa.eu/LoA/${level}`;
const definition = (extra: Partial<EServiceDefinition>) =>
  ({
    dslVersion: 1,
    id: 'x',
    serviceId: 'x',
    title: { lv: 'x', en: 'x' },
    form: { schema: {} },
    steps: [],
    ...extra,
  }) as EServiceDefinition;
const citizen = (extra: Partial<Principal>): Principal => ({ sub: 's', name: 'N', roles: ['citizen'], ...extra });
const refusal = (def: EServiceDefinition, p: Principal, env = 'test') => {
  try {
    checkIdentityRequirements(def, p, env);
    return null;
  } catch (e) {
    return (e as { code: string; status: number }).code;
  }
};

describe('api/applications: identity requirements (rules)', () => {
  it('reads eIDAS LoA URIs and orders the levels', () => {
    expect(levelOfAcr(LOA('substantial'))).to.equal('substantial');
    expect(levelOfAcr('urn:other:high')).to.equal(null);
    expect(levelOfAcr(LOA('medium'))).to.equal(null);
    expect(levelOfAcr(undefined)).to.equal(null);
    expect(meetsLevel('high', 'substantial')).to.equal(true);
    expect(meetsLevel('substantial', 'substantial')).to.equal(true);
    expect(meetsLevel('low', 'substantial')).to.equal(false);
  });

  it('admits or refuses by the minimum level, the personal code and the environment', () => {
    const natural = { type: 'natural' as const, id: '15038511239' };
    const eidas = { type: 'eidas' as const, id: 'DE/LV/abc' };
    const substantial = definition({ minimumLevelOfAssurance: 'substantial' });
    const needsCode = definition({ requiresLatvianPersonalCode: { otherChannels: { lv: 'VPVKAC', en: 'a customer centre' } } });
    const table: Array<[string, EServiceDefinition, Principal, string, string | null]> = [
      ['high meets substantial', substantial, citizen({ person: eidas, acr: LOA('high') }), 'test', null],
      ['substantial meets substantial', substantial, citizen({ person: natural, acr: LOA('substantial') }), 'test', null],
      ['low is below', substantial, citizen({ person: eidas, acr: LOA('low') }), 'test', 'level_of_assurance_too_low'],
      ['an unknown acr is below', substantial, citizen({ person: natural, acr: 'urn:x' }), 'test', 'level_of_assurance_too_low'],
      ['a persona without acr, outside production', substantial, citizen({ person: natural }), 'development', null],
      ['a principal without acr in production', substantial, citizen({ person: natural }), 'production', 'level_of_assurance_too_low'],
      ['no minimum: anyone', definition({}), citizen({ person: eidas, acr: LOA('low') }), 'production', null],
      ['a personal code: natural person', needsCode, citizen({ person: natural, acr: LOA('low') }), 'test', null],
      ['a personal code: eIDAS person', needsCode, citizen({ person: eidas, acr: LOA('high') }), 'test', 'latvian_personal_code_required'],
    ];
    for (const [name, def, principal, env, expected] of table) expect(refusal(def, principal, env), name).to.equal(expected);
  });

  it('fills the identityFill pointers from an identity provider’s attributes only', () => {
    const def = definition({
      identityFill: {
        '/applicant/givenName': 'givenName',
        '/applicant/personalCode': 'personalCode',
        '/applicant/eidasIdentifier': 'eidasIdentifier',
        '/born': 'dateOfBirth',
      },
    });
    const linked = citizen({
      person: { type: 'natural', id: '14068250123' },
      eidasIdentifier: 'DE/LV/7c9e',
      givenName: 'Markus',
      dateOfBirth: '1982-06-14',
      acr: LOA('high'),
    });
    expect(identityDraft(def, linked)).to.deep.equal({
      applicant: { givenName: 'Markus', personalCode: '14068250123', eidasIdentifier: 'DE/LV/7c9e' },
      born: '1982-06-14',
    });
    const unlinked = citizen({ person: { type: 'eidas', id: 'EE/LV/1' }, givenName: 'Kadri', acr: LOA('low') });
    expect(identityDraft(def, unlinked)).to.deep.equal({ applicant: { givenName: 'Kadri', eidasIdentifier: 'EE/LV/1' } });
    expect(
      identityDraft(def, citizen({ person: { type: 'natural', id: '1' }, givenName: 'Anna' })),
      'a persona: the register fills',
    ).to.deep.equal({});
  });
});
