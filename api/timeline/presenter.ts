// Timeline rows (db/timeline/events.ts) as the API's TimelineEvent.
import type { TimelineEvent, TimelineLegalBases } from '../../forms/types/api';
import type { TimelineRow } from '../../db/timeline/events';
import type { TimelineLegalBasis } from '../platform/auth/policy';

export function presentTimelineEvent(r: TimelineRow): TimelineEvent {
  return {
    id: r.id,
    occurredAt: r.occurred_at.toISOString(),
    kind: r.kind,
    role: r.role,
    agency: r.agency_id ? { id: r.agency_id, name: { lv: r.agency_name_lv ?? r.agency_id, en: r.agency_name_en ?? r.agency_id } } : null,
    title: { lv: r.title_lv, en: r.title_en },
    caseId: r.case_id,
    reference: r.reference,
  };
}

export const presentLegalBasis = (b: TimelineLegalBasis): TimelineLegalBases['items'][number] => ({
  code: b.code,
  title: b.title,
  law: b.law,
  kinds: [...b.kinds],
  agencies: [...b.agencies],
});
