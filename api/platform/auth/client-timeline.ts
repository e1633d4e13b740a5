// Part of the policy module (re-exported by policy.ts): the legal bases an agency officer may record on a view of a
// client's history, and the view they allow.
import type { Principal } from './principal';
import type { TimelineKind } from '../../../db/timeline/sources';

/**
 * The legal bases an agency officer may record on a view of a client's history (issue 18 §3). Without one an agency
 * sees only its own agency's events; a basis widens the view to the kinds (from every agency) or the agencies it
 * names, for the agencies that hold it (`holders`; none: any agency). The code goes to the view's audit entry.
 */
export const TIMELINE_LEGAL_BASES: ReadonlyArray<TimelineLegalBasis> = [
  {
    code: 'tax-administration',
    title: { lv: 'Nodokļu administrēšana', en: 'Tax administration' },
    law: { lv: 'Likums "Par nodokļiem un nodevām", 15. un 18. pants', en: 'Law on Taxes and Fees, sections 15 and 18' },
    kinds: ['invoice', 'payment'],
    agencies: [],
    holders: ['vid'],
  },
  {
    code: 'guardianship',
    title: { lv: 'Aizgādnība un pārstāvība', en: 'Guardianship and representation' },
    law: { lv: 'Bāriņtiesu likums, 21. pants', en: 'Orphans\u2019 and Custody Courts Law, section 21' },
    kinds: ['delegation'],
    agencies: [],
  },
  {
    code: 'residence-registration',
    title: { lv: 'Dzīvesvietas deklarēšana', en: 'Declaration of residence' },
    law: { lv: 'Dzīvesvietas deklarēšanas likums, 10. pants', en: 'Declaration of Residence Law, section 10' },
    kinds: [],
    agencies: ['pmlp'],
    holders: ['riga'],
  },
];

export interface TimelineLegalBasis {
  code: string;
  title: { lv: string; en: string };
  law: { lv: string; en: string };
  kinds: readonly TimelineKind[];
  agencies: readonly string[];
  holders?: readonly string[];
}

const TIMELINE_READERS = ['agency-officer', 'agency-admin'] as const;

/**
 * What an agency's staff member may see of a client's history: their agency's events, widened by the legal basis
 * recorded on the request. Null: not agency staff (403). An unknown basis, or one their agency does not hold, is a
 * refusal the caller turns into a 4xx (`basis: 'unknown' | 'not-held'`).
 */
export function clientTimelineScope(
  p: Principal,
  legalBasis: string | undefined,
): { agencies: string[]; kinds: TimelineKind[]; basis: TimelineLegalBasis | null } | { refused: 'not-staff' | 'unknown' | 'not-held' } {
  const agency = p.agency;
  if (!agency || p.actingFor || !p.roles.some((r) => (TIMELINE_READERS as readonly string[]).includes(r))) return { refused: 'not-staff' };
  if (!legalBasis) return { agencies: [agency], kinds: [], basis: null };
  const basis = TIMELINE_LEGAL_BASES.find((b) => b.code === legalBasis);
  if (!basis) return { refused: 'unknown' };
  if (basis.holders && !basis.holders.includes(agency)) return { refused: 'not-held' };
  return { agencies: [agency, ...basis.agencies], kinds: [...basis.kinds], basis };
}
