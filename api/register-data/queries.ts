// "My data in the registers": the five registers read in parallel, each with a deadline; a register that does not
// answer is a section "not available now", never an error of the whole page. Every read is audited (purpose
// my-data-view, the person themself the actor), in one statement after the reads.
import type { AppDeps } from '../platform/deps';
import type { RegisterDataSection, RegisterDataSource, RegisterDataView } from '../../forms/types/api';
import type { CallContext } from '../../activities/adapters/contracts/common';
import { SystemUnavailableError } from '../../activities/adapters/contracts/common';
import { audit, type AuditEntry } from '../../db/audit';
import { referenceData } from '../../db/reference';
import { REGISTERS, REGISTER_IDS, type RegisterId } from '../../db/register-data/registers';
import { registersOf, withDeadline } from './registers';
import { addressItems, companyItems, personItems, propertyItems, vehicleItems, type ItemDraft } from './presenter';

/** Who reads and why: by default the person themself viewing their data. */
export interface ReadContext {
  actor: { type: string; id: string };
  purpose?: string;
  requestId?: string;
}

const TITLES: Record<RegisterId, { lv: string; en: string }> = {
  population: { lv: 'Personas dati', en: 'Personal data' },
  address: { lv: 'Deklarētās dzīvesvietas adrese', en: 'Declared address' },
  vehicle: { lv: 'Transportlīdzekļi', en: 'Vehicles' },
  'real-estate': { lv: 'Nekustamais īpašums', en: 'Real estate' },
  enterprise: { lv: 'Uzņēmumi', en: 'Companies' },
};

const EMPTY: Record<RegisterId, { lv: string; en: string }> = {
  population: { lv: 'Reģistrā par jums nav ierakstu.', en: 'The register has no record of you.' },
  address: { lv: 'Jums nav deklarētas dzīvesvietas.', en: 'You have no declared address.' },
  vehicle: { lv: 'Jums nav reģistrētu transportlīdzekļu.', en: 'No vehicles are registered to you.' },
  'real-estate': { lv: 'Jums nepieder nekustamais īpašums.', en: 'You own no real estate.' },
  enterprise: { lv: 'Jūs neesat neviena uzņēmuma amatpersona.', en: 'You are not an officer of any company.' },
};

const UNAVAILABLE = {
  lv: 'Reģistrs pašlaik nav pieejams. Lūdzu, mēģiniet vēlāk.',
  en: 'The register is not available now. Please try again later.',
};

// Why the platform reads the person's own data: their right of access.
const LEGAL_BASIS = 'GDPR Art. 15 (right of access)';

type Outcome = { ok: true; items: ItemDraft[]; readAt: string } | { ok: false; reason: string };

async function attempt(system: string, read: () => Promise<ItemDraft[]>): Promise<Outcome> {
  try {
    const items = await withDeadline(system, read());
    return { ok: true, items, readAt: new Date().toISOString() };
  } catch (e) {
    if (e instanceof SystemUnavailableError) return { ok: false, reason: e.message };
    // A register that answers nonsense (or refuses us) is as unavailable to the person; the page still shows the rest.
    return { ok: false, reason: e instanceof Error ? e.message : String(e) };
  }
}

/** The five registers' answers about one person, each an outcome of its own. */
function readAll(deps: AppDeps, personalCode: string, ctx: (register: RegisterId) => CallContext): Record<RegisterId, Promise<Outcome>> {
  const registers = registersOf(deps);
  const person = withDeadline('population-register', registers.population.getPerson(personalCode, ctx('population')));
  return {
    population: attempt('population-register', async () => personItems(await person)),
    // The address register holds the details of the address the population register says is declared.
    address: attempt('address-register', async () => {
      const declared = (await person)?.declaredAddress;
      if (!declared) return [];
      const checked = await registers.address.validate({ code: declared.addressCode }, ctx('address'));
      return addressItems(declared, checked.address);
    }),
    vehicle: attempt('vehicle-register', async () => vehicleItems(await registers.vehicle.vehiclesOfPerson(personalCode, ctx('vehicle')))),
    'real-estate': attempt('land-register', async () =>
      propertyItems(await registers.realEstate.propertiesOfOwner(personalCode, ctx('real-estate'))),
    ),
    enterprise: attempt('enterprise-register', async () => {
      const [boardOf, shareholdings] = await Promise.all([
        registers.enterprise.companiesOfBoardMember(personalCode, ctx('enterprise')),
        registers.enterprise.shareholdingsOf(personalCode, ctx('enterprise')),
      ]);
      return companyItems(boardOf, shareholdings, personalCode);
    }),
  };
}

/** What the registers hold about the person, section by section, and the audit of every read. */
export async function readRegisterData(deps: AppDeps, personalCode: string, reader: ReadContext): Promise<RegisterDataView> {
  const requestId = reader.requestId;
  const ref = await referenceData(deps.db.pool);
  const pending = readAll(deps, personalCode, (register) => ({
    idempotencyKey: `register-data:${requestId ?? personalCode}:${register}`,
    ...(requestId ? { requestId } : {}),
  }));
  const outcomes = await Promise.all(REGISTER_IDS.map((register) => pending[register]));
  outcomes.forEach((outcome, i) => {
    if (!outcome.ok)
      deps.logger.warn({ requestId, register: REGISTER_IDS[i], reason: outcome.reason }, 'register not read: shown as unavailable');
  });
  const sections = REGISTER_IDS.map((register, i): RegisterDataSection => {
    const info = REGISTERS[register];
    const agency = ref.agencies.get(info.holder);
    const source: RegisterDataSource = {
      register,
      registerName: info.name,
      holder: { agencyId: info.holder, name: agency ? { lv: agency.nameLv, en: agency.nameEn } : { lv: info.holder, en: info.holder } },
    };
    const outcome = outcomes[i];
    if (!outcome.ok)
      return { register, title: TITLES[register], source, status: 'unavailable', readAt: null, message: UNAVAILABLE, items: [] };
    return {
      register,
      title: TITLES[register],
      source,
      status: 'available',
      readAt: outcome.readAt,
      ...(outcome.items.length === 0 ? { message: EMPTY[register] } : {}),
      items: outcome.items.map((item) => ({ ...item, source, readAt: outcome.readAt })),
    };
  });
  await audit(
    deps.db.pool,
    REGISTER_IDS.map((register, i): AuditEntry => ({
      actor: reader.actor,
      subject: { type: 'natural', id: personalCode },
      action: 'read',
      resource: `register-data:${register}`,
      purpose: reader.purpose ?? 'my-data-view',
      requestId,
      details: {
        legalBasis: LEGAL_BASIS,
        register,
        holder: REGISTERS[register].holder,
        outcome: outcomes[i].ok ? 'read' : 'unavailable',
        items: sections[i].items.length,
      },
    })),
  );
  return { person: { type: 'natural', id: personalCode }, sections };
}

/**
 * The export hook (issue 18, GDPR export): the page's data as plain JSON. The person themself is the actor unless the
 * caller says otherwise; every register read is audited as for the page.
 */
export async function registerDataForExport(
  deps: AppDeps,
  personalCode: string,
  reader: ReadContext = { actor: { type: 'citizen', id: personalCode } },
): Promise<RegisterDataView> {
  return readRegisterData(deps, personalCode, reader);
}
