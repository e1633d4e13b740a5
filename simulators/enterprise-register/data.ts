// Seeded companies of the enterprise register simulator, in the register's wire format (UR open-data-like names).
// Board members are persons of the population register simulator (Anna chairs one company, Jānis sits on
// another) and a few foreign nationals without a Latvian personal code. Each officer's rights to represent the
// company: alone (INDIVIDUALLY), only together with the others (JOINTLY), or none (null). SIA "Gaujas ceptuve" has one
// member with sole rights (the demo persona citizen-liga); SIA "Zemgales koks" two members with joint rights (Jānis).
import { ANNA_CODE, JANIS_CODE, persons } from '../population-register/data';

export type OfficerPosition = 'CHAIR_OF_BOARD' | 'BOARD_MEMBER' | 'OWNER';

export type Representation = 'INDIVIDUALLY' | 'JOINTLY' | null;

export interface WireOfficer {
  person_code: string | null;
  name: string;
  position: OfficerPosition;
  registered_on: string;
  rights_of_representation: Representation;
}

/** A member (shareholder, dalībnieks) of a limited company and their share of the share capital. */
export interface WireMember {
  person_code: string | null;
  name: string;
  share_percent: number;
  registered_on: string;
}

export interface WireCompany {
  regcode: string;
  name: string;
  type: 'SIA' | 'AS' | 'IK';
  status: 'REGISTERED' | 'LIQUIDATION' | 'EXCLUDED';
  registered: string;
  address: string;
  officers: WireOfficer[];
  /** The members of an SIA (the register records them); absent for other forms. */
  members?: WireMember[];
}

function member(code: string, sharePercent: number, since: string): WireMember {
  const person = persons.find((p) => p.person_code === code);
  if (!person) throw new Error(`seed data: no person ${code}`);
  return { person_code: code, name: `${person.given_name} ${person.surname}`, share_percent: sharePercent, registered_on: since };
}

function officer(code: string, position: OfficerPosition, since: string, rights: Representation = 'INDIVIDUALLY'): WireOfficer {
  const person = persons.find((p) => p.person_code === code);
  if (!person) throw new Error(`seed data: no person ${code}`);
  return {
    person_code: code,
    name: `${person.given_name} ${person.surname}`,
    position,
    registered_on: since,
    rights_of_representation: rights,
  };
}

const foreigner = (name: string, position: OfficerPosition, since: string, rights: Representation): WireOfficer => ({
  person_code: null,
  name,
  position,
  registered_on: since,
  rights_of_representation: rights,
});

const generated = (i: number) => persons[2 + i].person_code; // the generated persons follow Anna and Jānis

export const ANNA_COMPANY_REGCODE = '40203145872';
/** One board member (Līga Ozoliņa) with sole rights to represent it. */
export const SOLE_RIGHTS_REGCODE = '44103092157';
/** Two board members (Jānis Kalniņš among them) who represent it only jointly. */
export const JOINT_RIGHTS_REGCODE = '41503067213';

export const companies: WireCompany[] = [
  {
    regcode: ANNA_COMPANY_REGCODE,
    name: 'SIA "Bērziņa dārzi"',
    type: 'SIA',
    status: 'REGISTERED',
    registered: '2017-05-03',
    address: 'Brīvības iela 137 - 4, Rīga, LV-1012',
    officers: [officer(ANNA_CODE, 'CHAIR_OF_BOARD', '2017-05-03'), officer(generated(1), 'BOARD_MEMBER', '2019-02-11', null)],
    members: [member(ANNA_CODE, 60, '2017-05-03'), member(generated(1), 40, '2019-02-11')],
  },
  {
    regcode: JOINT_RIGHTS_REGCODE,
    name: 'SIA "Zemgales koks"',
    type: 'SIA',
    status: 'REGISTERED',
    registered: '2011-09-22',
    address: 'Dobeles iela 44 - 17, Jelgava, LV-3007',
    officers: [
      officer(generated(3), 'CHAIR_OF_BOARD', '2011-09-22', 'JOINTLY'),
      officer(JANIS_CODE, 'BOARD_MEMBER', '2014-01-15', 'JOINTLY'),
    ],
    members: [member(generated(3), 50, '2011-09-22'), member(JANIS_CODE, 50, '2014-01-15')],
  },
  {
    regcode: '40003512934',
    name: 'AS "Baltijas loģistika"',
    type: 'AS',
    status: 'REGISTERED',
    registered: '2001-03-14',
    address: 'Krasta iela 52, Rīga, LV-1003',
    officers: [
      officer(generated(5), 'CHAIR_OF_BOARD', '2015-06-01'),
      foreigner('Erik Lindqvist', 'BOARD_MEMBER', '2018-10-09', 'JOINTLY'),
      officer(generated(7), 'BOARD_MEMBER', '2020-04-20', null),
    ],
  },
  {
    regcode: SOLE_RIGHTS_REGCODE,
    name: 'SIA "Gaujas ceptuve"',
    type: 'SIA',
    status: 'REGISTERED',
    registered: '2008-11-30',
    address: 'Rīgas iela 10 - 2, Valmiera, Valmieras nov., LV-4201',
    officers: [officer(generated(0), 'CHAIR_OF_BOARD', '2008-11-30')],
    // Anna holds a share without sitting on the board: "My data in the registers" shows it too.
    members: [member(generated(0), 75, '2008-11-30'), member(ANNA_CODE, 25, '2021-06-14')],
  },
  {
    regcode: '41503081190',
    name: 'SIA "Latgales IT risinājumi"',
    type: 'SIA',
    status: 'REGISTERED',
    registered: '2019-07-08',
    address: 'Saules iela 15 - 31, Daugavpils, LV-5401',
    officers: [officer(generated(9), 'CHAIR_OF_BOARD', '2019-07-08'), foreigner('Tomasz Nowak', 'BOARD_MEMBER', '2021-03-02', 'JOINTLY')],
  },
  {
    regcode: '40003278561',
    name: 'AS "Daugavas tilti"',
    type: 'AS',
    status: 'LIQUIDATION',
    registered: '1996-02-19',
    address: 'Vienības iela 8, Daugavpils, LV-5401',
    officers: [officer(generated(11), 'CHAIR_OF_BOARD', '2010-12-01')],
  },
  {
    regcode: '40102736458',
    name: 'SIA "Vecais kalējs"',
    type: 'SIA',
    status: 'EXCLUDED',
    registered: '2004-06-07',
    address: 'Ģertrūdes iela 33 - 15, Rīga, LV-1011',
    officers: [officer(generated(13), 'CHAIR_OF_BOARD', '2004-06-07')],
  },
  {
    regcode: '45402018736',
    name: 'IK "Zeltkalnis"',
    type: 'IK',
    status: 'REGISTERED',
    registered: '2013-04-25',
    address: 'Cēsu iela 19 - 3, Valmiera, Valmieras nov., LV-4201',
    officers: [officer(generated(7), 'OWNER', '2013-04-25')],
  },
];

export function companyByRegcode(regcode: string): WireCompany | undefined {
  return companies.find((company) => company.regcode === regcode);
}

export function companiesOfOfficer(personCode: string): WireCompany[] {
  return companies.filter((company) => company.officers.some((o) => o.person_code === personCode));
}

export function companiesOfMember(personCode: string): WireCompany[] {
  return companies.filter((company) => company.members?.some((m) => m.person_code === personCode));
}
