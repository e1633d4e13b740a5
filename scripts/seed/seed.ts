// Idempotent demo seed: reference data by upsert, and a handful of cases in several channels for the demo citizens.
import type { Database } from '../../db/connection';
import { sectors, municipalities, agencies, offices, services, registerDiscrepancyServices } from './demo-data';
import { invalidateReferenceData } from '../../db/reference';
import { registerCases } from '../../db/cases/register-cases';
import { createInvoice } from '../../db/billing/invoices';

export async function seedReferenceData(db: Database): Promise<void> {
  const q = (sql: string, params: unknown[]) => db.pool.query(sql, params);
  for (const s of sectors) {
    await q(
      `INSERT INTO sectors (id, ministry_code, name_lv, name_en) VALUES ($1,$2,$3,$4)
             ON CONFLICT (id) DO UPDATE SET ministry_code = EXCLUDED.ministry_code, name_lv = EXCLUDED.name_lv, name_en = EXCLUDED.name_en`,
      [s.id, s.ministryCode, s.nameLv, s.nameEn],
    );
  }
  for (const m of municipalities) {
    await q(
      `INSERT INTO municipalities (code, name_lv, name_en) VALUES ($1,$2,$3)
             ON CONFLICT (code) DO UPDATE SET name_lv = EXCLUDED.name_lv, name_en = EXCLUDED.name_en`,
      [m.code, m.nameLv, m.nameEn],
    );
  }
  for (const a of agencies) {
    await q(
      `INSERT INTO agencies (id, registration_number, kind, sector_id, municipality_code, name_lv, name_en, creditor_iban, creditor_bic)
             VALUES ($1,$2,$3,$4,$5,$6,$7,$8,'TRELLV22')
             ON CONFLICT (id) DO UPDATE SET registration_number = EXCLUDED.registration_number, kind = EXCLUDED.kind, sector_id = EXCLUDED.sector_id,
               municipality_code = EXCLUDED.municipality_code, name_lv = EXCLUDED.name_lv, name_en = EXCLUDED.name_en,
               creditor_iban = EXCLUDED.creditor_iban, creditor_bic = EXCLUDED.creditor_bic`,
      [a.id, a.registrationNumber, a.kind, a.sectorId, a.municipalityCode, a.nameLv, a.nameEn, a.creditorIban],
    );
    // Each agency's collection account (reference data a platform administrator keeps): inserted once, so a
    // deactivation by the administrator survives the next start.
    await q(
      `INSERT INTO agency_accounts (iban, bic, agency_id, name, created_by) VALUES ($1, 'TRELLV22', $2, $3, 'seed')
             ON CONFLICT (iban) DO NOTHING`,
      [a.creditorIban, a.id, `${a.nameLv} (Valsts kase)`],
    );
  }
  for (const o of offices) {
    await q(
      `INSERT INTO offices (id, kind, agency_id, municipality_code, name_lv, name_en, address, latitude, longitude, opening_hours)
             VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)
             ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, agency_id = EXCLUDED.agency_id, municipality_code = EXCLUDED.municipality_code,
               name_lv = EXCLUDED.name_lv, name_en = EXCLUDED.name_en, address = EXCLUDED.address, latitude = EXCLUDED.latitude,
               longitude = EXCLUDED.longitude, opening_hours = EXCLUDED.opening_hours`,
      [
        o.id,
        o.kind,
        o.agencyId,
        o.municipalityCode,
        o.nameLv,
        o.nameEn,
        o.address,
        o.latitude,
        o.longitude,
        JSON.stringify(o.openingHours),
      ],
    );
  }
  for (const s of [...services, ...registerDiscrepancyServices]) {
    await q(
      `INSERT INTO services (id, agency_id, title_lv, title_en, channels, price_eur) VALUES ($1,$2,$3,$4,$5,$6)
             ON CONFLICT (id) DO UPDATE SET agency_id = EXCLUDED.agency_id, title_lv = EXCLUDED.title_lv, title_en = EXCLUDED.title_en,
               channels = EXCLUDED.channels, price_eur = EXCLUDED.price_eur`,
      [s.id, s.agencyId, s.titleLv, s.titleEn, s.channels, s.priceEur],
    );
  }
  invalidateReferenceData(db.pool);
}

const ANNA = { type: 'natural' as const, id: '15038511239', name: 'Anna Bērziņa' };
const JANIS = { type: 'natural' as const, id: '02117814569', name: 'Jānis Kalniņš' };
/** The company the demo persona citizen-liga represents alone (enterprise register simulator: SIA "Gaujas ceptuve"). */
export const DEMO_COMPANY = { type: 'legal' as const, id: '44103092157', name: 'SIA "Gaujas ceptuve"' };

/** Demo cases in several channels; idempotent because every case has an external id. */
export async function seedDemoCases(db: Database): Promise<void> {
  const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
  const system = (agencyId: string) => ({ agencyId, actorType: 'system', actorId: `system-${agencyId}` });
  await registerCases(db.pool, system('pmlp'), [
    {
      externalId: 'DEMO-PMLP-1',
      serviceId: 'passport-issue',
      channel: 'in_person',
      officeId: 'pmlp-riga-1',
      recipient: ANNA,
      priceEur: 30,
      resources: { staffMinutes: 15, waitingMinutes: 10 },
      satisfaction: 5,
      statusHistory: [
        { status: 'submitted', at: daysAgo(20) },
        { status: 'in_progress', at: daysAgo(19) },
        { status: 'licence_issued', at: daysAgo(6), label: 'Pase gatava saņemšanai' },
        { status: 'completed', at: daysAgo(3) },
      ],
    },
    {
      externalId: 'DEMO-PMLP-2',
      serviceId: 'declared-address-statement',
      channel: 'email',
      recipient: JANIS,
      statusHistory: [
        { status: 'submitted', at: daysAgo(4) },
        { status: 'answered', at: daysAgo(3) },
      ],
    },
  ]);
  await registerCases(db.pool, system('vid'), [
    {
      externalId: 'DEMO-VID-1',
      serviceId: 'income-tax-return',
      channel: 'eservice',
      recipient: ANNA,
      statusHistory: [
        { status: 'submitted', at: daysAgo(10) },
        { status: 'in_progress', at: daysAgo(8) },
      ],
    },
    {
      externalId: 'DEMO-VID-2',
      serviceId: 'tax-consultation',
      channel: 'phone',
      recipient: JANIS,
      resources: { callMinutes: 12 },
      statusHistory: [
        { status: 'submitted', at: daysAgo(2) },
        { status: 'answered', at: daysAgo(2) },
      ],
    },
  ]);
  await registerCases(db.pool, system('riga'), [
    {
      externalId: 'DEMO-RIGA-1',
      serviceId: 'kindergarten-enrolment',
      channel: 'in_person',
      officeId: 'vpvkac-riga',
      recipient: ANNA,
      representative: { ...JANIS, basis: 'mandate' },
      statusHistory: [{ status: 'submitted', at: daysAgo(1) }],
    },
  ]);
}

/** The demo company's own cases and an invoice, seen by its board member citizen-liga when acting for it. */
export async function seedCompanyDemo(db: Database): Promise<void> {
  const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
  await registerCases(db.pool, { agencyId: 'vid', actorType: 'system', actorId: 'system-vid' }, [
    {
      externalId: 'DEMO-VID-COMPANY-1',
      serviceId: 'tax-consultation',
      channel: 'eservice',
      recipient: DEMO_COMPANY,
      representative: { type: 'natural', id: '01014811002', name: 'Līga Ozoliņa', basis: 'legal_representative' },
      statusHistory: [
        { status: 'submitted', at: daysAgo(5) },
        { status: 'in_progress', at: daysAgo(4) },
      ],
    },
    {
      externalId: 'DEMO-VID-COMPANY-2',
      serviceId: 'income-tax-return',
      channel: 'eservice',
      recipient: DEMO_COMPANY,
      statusHistory: [
        { status: 'submitted', at: daysAgo(40) },
        { status: 'completed', at: daysAgo(30) },
      ],
    },
  ]);
  const due = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  await createInvoice(db.pool, 'vid', 'seed', {
    idempotencyKey: 'demo-company-invoice-1',
    payer: { type: 'legal', id: DEMO_COMPANY.id, name: DEMO_COMPANY.name, address: 'Rīgas iela 10 - 2, Valmiera, LV-4201' },
    lines: [
      { description: 'Izziņa par nodokļu nomaksu', quantity: 1, unitPrice: 5, vatExemption: { category: 'O', reason: 'Valsts nodeva' } },
    ],
    currency: 'EUR',
    dueDate: due,
  });
}
