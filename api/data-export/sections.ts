// The export's sections (GDPR right of access): each a function of the API's dependencies and the person's code that
// answers one section — a stable key, a title in Latvian and English, and its data. The export is this list run in
// order; an area adds its section by adding its function here (profile, register data and timeline do so).
import type { AppDeps } from '../platform/deps';
import type { Text } from '../../forms/eservice-definition/dsl';
import { casesOfPersonPage, type PersonCaseRow } from '../../db/cases/person-cases';
import { historiesOf } from '../../db/cases/read-cases';
import { documentsOfCases } from '../../db/applications/documents';
import { applicationsOfPerson } from '../../db/applications/reads';
import { invoiceIdsOfPayer } from '../../db/billing/invoice-reads';
import { dataUsesOf, type DataUseRow } from '../../db/data-use/uses';
import { presentCase } from '../cases/presenter';
import { presentMyApplication } from '../applications/presenter';
import { loadInvoice } from '../billing/presenter';
import { delegationsOfPerson } from '../delegations/commands';
import { presentUse } from '../data-use/presenter';
import { profileForExport } from '../../db/profile';
import { registerDataForExport } from '../register-data/queries';
import { timelineForExport } from '../../db/timeline/events';

export interface ExportSection {
  key: string;
  title: Text;
  data: unknown;
}

export type ExportSectionFn = (deps: AppDeps, personalCode: string) => Promise<ExportSection>;

const natural = (personalCode: string) => ({ type: 'natural' as const, id: personalCode });

/** Every page of a keyset-paged list, one after another. */
async function allPages<R, A>(page: (after: A | undefined) => Promise<{ rows: R[]; more: boolean }>, next: (last: R) => A): Promise<R[]> {
  const all: R[] = [];
  let after: A | undefined;
  for (;;) {
    const { rows, more } = await page(after);
    all.push(...rows);
    const last = rows.at(-1);
    if (!more || !last) return all;
    after = next(last);
  }
}

export const casesForExport: ExportSectionFn = async (deps, personalCode) => {
  const pool = deps.db.pool;
  const rows = await allPages<PersonCaseRow, { statusAt: string; id: string }>(
    (after) => casesOfPersonPage(pool, natural(personalCode), { limit: 200, ...(after ? { after } : {}) }),
    (last) => ({ statusAt: last.status_at_exact, id: last.id }),
  );
  const own = rows.filter((r) => r.relation === 'recipient');
  const ids = own.map((r) => r.id);
  const [histories, documents] = await Promise.all([historiesOf(pool, ids), documentsOfCases(pool, ids)]);
  return {
    key: 'cases',
    title: { lv: 'Manas lietas', en: 'My cases' },
    data: own.map((r) =>
      presentCase(r, histories.get(r.id) ?? [], { relation: r.relation, documents: documents.get(r.id), forCitizen: true }),
    ),
  };
};

export const applicationsForExport: ExportSectionFn = async (deps, personalCode) => ({
  key: 'applications',
  title: { lv: 'Mani pieteikumi', en: 'My applications' },
  data: (await applicationsOfPerson(deps.db.pool, natural(personalCode))).map(presentMyApplication),
});

export const delegationsForExport: ExportSectionFn = async (deps, personalCode) => ({
  key: 'delegations',
  title: { lv: 'Pilnvaras', en: 'Delegations' },
  data: await delegationsOfPerson(deps.db.pool, natural(personalCode)),
});

export const invoicesForExport: ExportSectionFn = async (deps, personalCode) => {
  const ids = await invoiceIdsOfPayer(deps.db.sequelize, natural(personalCode));
  const invoices = await Promise.all(ids.map((id) => loadInvoice(deps.db.pool, id)));
  return { key: 'invoices', title: { lv: 'Rēķini', en: 'Invoices' }, data: invoices.filter((i) => i !== null) };
};

export const dataUseForExport: ExportSectionFn = async (deps, personalCode) => {
  const rows = await allPages<DataUseRow, { at: string; key: string }>(
    (after) => dataUsesOf(deps.db.pool, personalCode, { limit: 200, ...(after ? { after } : {}) }),
    (last) => ({ at: last.at_exact, key: last.key }),
  );
  return { key: 'data-use', title: { lv: 'Kas izmantoja manus datus', en: 'Who used my data' }, data: rows.map(presentUse) };
};

export const profileSectionForExport: ExportSectionFn = async (deps, personalCode) => ({
  key: 'profile',
  title: { lv: 'Mans profils', en: 'My profile' },
  data: await profileForExport(deps.db.pool, personalCode),
});

/** What the registers hold about the person, read now (each read audited as the person's own). */
export const registerDataSectionForExport: ExportSectionFn = async (deps, personalCode) => ({
  key: 'register-data',
  title: { lv: 'Mani dati valsts reģistros', en: 'My data in the state registers' },
  data: await registerDataForExport(deps, personalCode),
});

export const timelineSectionForExport: ExportSectionFn = async (deps, personalCode) => ({
  key: 'timeline',
  title: { lv: 'Mana vēsture', en: 'My history' },
  data: await timelineForExport(deps.db.pool, personalCode),
});

/** The export, in order. */
export const exportSections: ExportSectionFn[] = [
  profileSectionForExport,
  registerDataSectionForExport,
  casesForExport,
  applicationsForExport,
  delegationsForExport,
  invoicesForExport,
  dataUseForExport,
  timelineSectionForExport,
];
