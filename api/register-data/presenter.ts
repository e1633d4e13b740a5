// Each register's answer → the items of its section (generated response types): the item's id in its register, a
// title and the fields as the register holds them.
import type { Person, DeclaredAddress } from '../../activities/adapters/contracts/population-register';
import type { Address } from '../../activities/adapters/contracts/address-register';
import type { Vehicle } from '../../activities/adapters/contracts/vehicle-register';
import type { Property } from '../../activities/adapters/contracts/land-register';
import type { Company, Shareholding } from '../../activities/adapters/contracts/enterprise-register';
import type { Localized, RegisterDataField } from '../../forms/types/api';
import { dateField, field, isWord, WORDS } from './fields';

export interface ItemDraft {
  id: string;
  title: Localized;
  fields: RegisterDataField[];
}

const same = (text: string): Localized => ({ lv: text, en: text });

export function personItems(person: Person | null): ItemDraft[] {
  if (!person) return [];
  return [
    {
      id: 'person',
      title: { lv: 'Personas dati', en: 'Personal data' },
      fields: [
        field('givenName', person.givenName),
        field('familyName', person.familyName),
        dateField('birthDate', person.birthDate),
        field('declaredAddress', person.declaredAddress?.fullAddress ?? null),
        dateField('declaredSince', person.declaredAddress?.declaredSince ?? null),
      ],
    },
  ];
}

export function addressItems(declared: DeclaredAddress, address: Address | null): ItemDraft[] {
  const shown = address ?? {
    code: declared.addressCode,
    fullAddress: declared.fullAddress,
    municipalityCode: declared.municipalityCode,
    postalCode: null,
    residential: null,
  };
  const residential = shown.residential === null ? null : shown.residential ? 'yes' : 'no';
  return [
    {
      id: shown.code,
      title: same(shown.fullAddress),
      fields: [
        field('fullAddress', shown.fullAddress),
        field('addressCode', shown.code),
        field('postalCode', shown.postalCode),
        field('municipalityCode', shown.municipalityCode),
        field('residential', residential, residential ?? undefined),
      ],
    },
  ];
}

export function vehicleItems(vehicles: Vehicle[]): ItemDraft[] {
  return vehicles.map((v) => ({
    id: v.registrationNumber,
    title: same(`${v.make} ${v.model}, ${v.registrationNumber}`),
    fields: [
      field('registrationNumber', v.registrationNumber),
      field('relation', v.relation, v.relation),
      field('make', v.make),
      field('model', v.model),
      field('vin', v.vin),
      dateField('firstRegistration', v.firstRegistration),
      dateField('inspectionValidUntil', v.inspectionValidUntil),
    ],
  }));
}

export function propertyItems(properties: Property[]): ItemDraft[] {
  return properties.map((p) => ({
    id: p.cadastralNumber,
    title: { lv: `${WORDS[p.kind].lv}: ${p.address}`, en: `${WORDS[p.kind].en}: ${p.address}` },
    fields: [
      field('cadastralNumber', p.cadastralNumber),
      field('kind', p.kind, p.kind),
      field('address', p.address),
      field('share', `${p.share.numerator}/${p.share.denominator}`),
      field('area', `${p.areaM2} m²`),
      field('landBookFolio', p.landBookFolio),
    ],
  }));
}

/** The companies where the person is an officer (board member, an individual merchant's owner) or a member
 * (shareholder), once each, in the register's order: board first. */
export function companyItems(boardOf: Company[], shareholdings: Shareholding[], personalCode: string): ItemDraft[] {
  const shares = new Map(shareholdings.map((s) => [s.company.registrationNumber, s]));
  const companies = [
    ...boardOf,
    ...shareholdings.map((s) => s.company).filter((c) => !boardOf.some((b) => b.registrationNumber === c.registrationNumber)),
  ];
  return companies.map((c) => {
    const member = c.boardMembers.find((m) => m.personalCode === personalCode);
    const share = shares.get(c.registrationNumber);
    const role = member?.role ?? (share ? 'shareholder' : null);
    return {
      id: c.registrationNumber,
      title: same(c.name),
      fields: [
        field('name', c.name),
        field('registrationNumber', c.registrationNumber),
        field('legalForm', c.legalForm),
        field('status', c.status, c.status),
        field('role', role, role && isWord(role) ? role : undefined),
        dateField('since', member?.since ?? share?.since ?? null),
        field('capitalShare', share ? `${share.sharePercent}%` : null),
        field('legalAddress', c.legalAddress),
      ],
    };
  });
}
