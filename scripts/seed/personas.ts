// Demo personas for the development sign-in (POST /api/v1/auth/dev-login). Personal codes are synthetic but pass
// the Latvian check-digit rule. Never available in production.
import type { Principal } from '../../api/platform/auth/principal';

export interface Persona extends Principal {
  descriptionLv: string;
  descriptionEn: string;
}

export const personas: Persona[] = [
  {
    sub: 'citizen-anna',
    name: 'Anna Bērziņa',
    roles: ['citizen'],
    person: { type: 'natural', id: '15038511239' },
    descriptionLv: 'Iedzīvotāja, Rīga',
    descriptionEn: 'Citizen, Riga',
  },
  {
    sub: 'citizen-janis',
    name: 'Jānis Kalniņš',
    roles: ['citizen'],
    person: { type: 'natural', id: '02117814569' },
    descriptionLv: 'Iedzīvotājs, Jelgava',
    descriptionEn: 'Citizen, Jelgava',
  },
  {
    sub: 'citizen-liga',
    name: 'Līga Ozoliņa',
    roles: ['citizen'],
    person: { type: 'natural', id: '01014811002' },
    descriptionLv: 'Valdes priekšsēdētāja, SIA "Gaujas ceptuve" (paraksta viena)',
    descriptionEn: 'Chair of the board of SIA "Gaujas ceptuve" (sole representation rights)',
  },
  {
    sub: 'citizen-juris',
    name: 'Juris Jansons',
    roles: ['citizen'],
    person: { type: 'natural', id: '22045712114' },
    descriptionLv: 'Valdes priekšsēdētājs, SIA "Zemgales koks" (paraksta kopā ar Jāni Kalniņu)',
    descriptionEn: 'Chair of the board of SIA "Zemgales koks" (represents jointly with Jānis Kalniņš)',
  },
  {
    sub: 'citizen-marie',
    name: 'Marie Dubois',
    roles: ['citizen'],
    person: { type: 'eidas', id: 'FR/LV/7f3a9c2e1b' },
    descriptionLv: 'ES pilsone, pieslēdzas ar eIDAS',
    descriptionEn: 'EU citizen signing in with eIDAS',
  },
  {
    sub: 'system-pmlp',
    name: 'PMLP informācijas sistēma',
    roles: ['agency-system'],
    agency: 'pmlp',
    descriptionLv: 'PMLP iestādes sistēma',
    descriptionEn: 'PMLP agency system',
  },
  {
    sub: 'system-vid',
    name: 'VID informācijas sistēma',
    roles: ['agency-system'],
    agency: 'vid',
    descriptionLv: 'VID iestādes sistēma',
    descriptionEn: 'SRS agency system',
  },
  {
    sub: 'system-riga',
    name: 'Rīgas pašvaldības sistēma',
    roles: ['agency-system'],
    agency: 'riga',
    descriptionLv: 'Rīgas pašvaldības sistēma',
    descriptionEn: 'Riga municipality system',
  },
  {
    sub: 'officer-pmlp',
    name: 'Ilze Ozola',
    roles: ['agency-officer'],
    agency: 'pmlp',
    office: 'pmlp-riga-1',
    descriptionLv: 'PMLP ierēdne',
    descriptionEn: 'PMLP officer',
  },
  {
    sub: 'officer-vid',
    name: 'Māris Liepa',
    roles: ['agency-officer'],
    agency: 'vid',
    office: 'vid-riga',
    descriptionLv: 'VID ierēdnis',
    descriptionEn: 'SRS officer',
  },
  {
    sub: 'admin-pmlp',
    name: 'Dace Vītola',
    roles: ['agency-admin', 'agency-officer'],
    agency: 'pmlp',
    descriptionLv: 'PMLP administratore',
    descriptionEn: 'PMLP administrator',
  },
  {
    sub: 'approver-pmlp',
    name: 'Kristīne Liepiņa',
    roles: ['agency-approver', 'agency-officer'],
    agency: 'pmlp',
    descriptionLv: 'PMLP pakalpojumu aprakstu apstiprinātāja',
    descriptionEn: 'PMLP approver of service descriptions',
  },
  {
    sub: 'staff-vpvkac-riga',
    name: 'Laura Kļaviņa',
    roles: ['kac-staff'],
    office: 'vpvkac-riga',
    descriptionLv: 'VPVKAC Rīgā klientu konsultante',
    descriptionEn: 'Customer adviser, unified centre Riga',
  },
  {
    sub: 'analyst-varam',
    name: 'Edgars Zariņš',
    roles: ['varam-analyst'],
    sector: 'smart-administration',
    descriptionLv: 'VARAM analītiķis',
    descriptionEn: 'VARAM analyst',
  },
  {
    sub: 'analyst-iem',
    name: 'Inga Krūmiņa',
    roles: ['ministry-analyst'],
    sector: 'interior',
    descriptionLv: 'Iekšlietu ministrijas analītiķe',
    descriptionEn: 'Ministry of the Interior analyst',
  },
  {
    sub: 'catalogue-admin',
    name: 'Rūta Ābola',
    roles: ['catalogue-admin'],
    descriptionLv: 'Pakalpojumu kataloga administratore',
    descriptionEn: 'Service catalogue administrator',
  },
  {
    sub: 'platform-admin',
    name: 'Oskars Kalējs',
    roles: ['platform-admin'],
    descriptionLv: 'Platformas administrators: iestāžu norēķinu konti',
    descriptionEn: "Platform administrator: agencies' collection accounts",
  },
  {
    sub: 'support-specialist',
    name: 'Artis Grava',
    roles: ['support-specialist'],
    descriptionLv: 'Portāla atbalsta speciālists',
    descriptionEn: 'Portal support specialist',
  },
];

export function findPersona(id: string): Persona | undefined {
  return personas.find((p) => p.sub === id);
}
