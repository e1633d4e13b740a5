// A use of the person's data (db/data-use/uses.ts row) as the citizen sees it: the institution and a role, never a
// named officer or a staff id; what was used and why, in Latvian and English; the case, linked when it is one here.
import type { DataUseList } from '../../forms/types/api';
import type { DataUseRow, InstitutionRow } from '../../db/data-use/uses';
import { listedText, purposeText, resourceText, roleText } from './descriptions';

const PLATFORM = { lv: 'Valsts pārvaldes pakalpojumu portāls', en: 'The public services platform' };
const REPRESENTATIVE = { lv: 'Jūsu pārstāvis', en: 'Your representative' };

function institutionName(code: string, lv: string | null, en: string | null) {
  if (lv && en) return { lv, en };
  return code === 'representative' ? REPRESENTATIVE : PLATFORM;
}

export function presentUse(r: DataUseRow): DataUseList['items'][number] {
  const platformCase = r.source === 'platform' && r.case_id && /^LV-[0-9]{10}-[0-9]{2}$/.test(r.case_id) ? r.case_id : null;
  return {
    id: r.key,
    source: r.source,
    at: r.at.toISOString(),
    institution: r.institution,
    who: institutionName(r.institution, r.agency_lv, r.agency_en),
    role:
      r.role_lv && r.role_en ? { lv: r.role_lv, en: r.role_en } : roleText(r.actor_type, r.actor_office, r.on_behalf_of, r.purpose_code),
    what:
      r.data_lv && r.data_en
        ? { lv: r.data_lv, en: r.data_en }
        : r.listed
          ? listedText(r.listed)
          : resourceText(r.resource, r.register, r.operation),
    purpose: {
      code: r.purpose_code,
      text: r.purpose_lv && r.purpose_en ? { lv: r.purpose_lv, en: r.purpose_en } : purposeText(r.purpose_code),
    },
    legalBasis: r.legal_basis,
    caseId: r.case_id,
    caseHref: platformCase ? `/cases/${platformCase}` : null,
  };
}

export function presentInstitution(r: InstitutionRow): DataUseList['institutions'][number] {
  return { code: r.institution, name: institutionName(r.institution, r.agency_lv, r.agency_en) };
}
