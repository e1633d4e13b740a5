// The reference data the catalogue labels its codes with (taxonomy concepts, agencies, sectors, municipalities,
// offices), as the public API's cache reads it and as the linked-data documents describe it. Other areas own these
// tables; the catalogue only reads them.
import type { Pool, PoolClient } from 'pg';
import type { Text } from './description';

type Db = Pool | PoolClient;

export interface OpeningHours {
  day: string;
  opens: string;
  closes: string;
}

// ---- for the public API's labels (api/catalog/public-reads.ts) ----

export interface LabelRows {
  concepts: Array<{ scheme: string; code: string; label_lv: string; label_en: string }>;
  agencies: Array<{ id: string; sector_id: string; name_lv: string; name_en: string }>;
  sectors: Array<{ id: string; name_lv: string; name_en: string }>;
  municipalities: Array<{ code: string; name_lv: string; name_en: string }>;
  offices: Array<{
    id: string;
    name_lv: string;
    name_en: string;
    address: string;
    latitude: number | null;
    longitude: number | null;
    opening_hours: OpeningHours[];
  }>;
}

/** Every label, as stored (the caller hashes the rows into the ETag of what they label). */
export async function labelRows(db: Db): Promise<LabelRows> {
  const [concepts, agencies, sectors, municipalities, offices] = await Promise.all([
    db.query<LabelRows['concepts'][number]>('SELECT scheme, code, label_lv, label_en FROM taxonomy_concepts ORDER BY scheme, code'),
    db.query<LabelRows['agencies'][number]>('SELECT id, sector_id, name_lv, name_en FROM agencies ORDER BY id'),
    db.query<LabelRows['sectors'][number]>('SELECT id, name_lv, name_en FROM sectors ORDER BY id'),
    db.query<LabelRows['municipalities'][number]>('SELECT code, name_lv, name_en FROM municipalities ORDER BY code'),
    db.query<LabelRows['offices'][number]>(
      'SELECT id, name_lv, name_en, address, latitude, longitude, opening_hours FROM offices ORDER BY id',
    ),
  ]);
  return {
    concepts: concepts.rows,
    agencies: agencies.rows,
    sectors: sectors.rows,
    municipalities: municipalities.rows,
    offices: offices.rows,
  };
}

// ---- for the linked-data documents (api/catalog/jsonld.ts, api/catalog/open-data/) ----

export interface OfficeInfo {
  id: string;
  kind: string;
  agencyId: string | null;
  municipalityCode: string;
  name: Text;
  address: string;
  latitude: number | null;
  longitude: number | null;
  openingHours: OpeningHours[];
}
export interface LinkedDataRefs {
  agencies: Map<string, { id: string; registrationNumber: string; kind: string; municipalityCode: string | null; name: Text }>;
  sectors: Map<string, { id: string; ministryCode: string; name: Text }>;
  municipalities: Map<string, Text>;
  offices: Map<string, OfficeInfo>;
  /** Labels of taxonomy_concepts by `${scheme}/${code}`. */
  concepts: Map<string, Text>;
}

interface Named {
  name_lv: string;
  name_en: string;
}

export async function loadLinkedDataRefs(db: Db): Promise<LinkedDataRefs> {
  const [agencies, sectors, municipalities, offices, concepts] = await Promise.all([
    db.query<Named & { id: string; registration_number: string; kind: string; municipality_code: string | null }>(
      'SELECT id, registration_number, kind, municipality_code, name_lv, name_en FROM agencies',
    ),
    db.query<Named & { id: string; ministry_code: string }>('SELECT id, ministry_code, name_lv, name_en FROM sectors ORDER BY id'),
    db.query<Named & { code: string }>('SELECT code, name_lv, name_en FROM municipalities ORDER BY code'),
    db.query<
      Named & {
        id: string;
        kind: string;
        agency_id: string | null;
        municipality_code: string;
        address: string;
        latitude: number | null;
        longitude: number | null;
        opening_hours: OpeningHours[];
      }
    >(
      'SELECT id, kind, agency_id, municipality_code, name_lv, name_en, address, latitude, longitude, opening_hours FROM offices ORDER BY id',
    ),
    db.query<{ scheme: string; code: string; label_lv: string; label_en: string }>(
      'SELECT scheme, code, label_lv, label_en FROM taxonomy_concepts ORDER BY scheme, code',
    ),
  ]);
  return {
    agencies: new Map(
      agencies.rows.map((r) => [
        r.id,
        {
          id: r.id,
          registrationNumber: r.registration_number,
          kind: r.kind,
          municipalityCode: r.municipality_code,
          name: { lv: r.name_lv, en: r.name_en },
        },
      ]),
    ),
    sectors: new Map(sectors.rows.map((r) => [r.id, { id: r.id, ministryCode: r.ministry_code, name: { lv: r.name_lv, en: r.name_en } }])),
    municipalities: new Map(municipalities.rows.map((r) => [r.code, { lv: r.name_lv, en: r.name_en }])),
    offices: new Map(
      offices.rows.map((r) => [
        r.id,
        {
          id: r.id,
          kind: r.kind,
          agencyId: r.agency_id,
          municipalityCode: r.municipality_code,
          name: { lv: r.name_lv, en: r.name_en },
          address: r.address,
          latitude: r.latitude,
          longitude: r.longitude,
          openingHours: r.opening_hours,
        },
      ]),
    ),
    concepts: new Map(concepts.rows.map((r) => [`${r.scheme}/${r.code}`, { lv: r.label_lv, en: r.label_en }])),
  };
}
