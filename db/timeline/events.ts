// A person's history from the read model timeline_events (migration 0028): newest first (then the newer id), filtered
// by kind, agency and period, keyset-paged: a page ends at an (occurred_at, id) position and the next starts after
// it, a row comparison the indexes of 0028 serve in their order.
import type { Pool, PoolClient } from 'pg';
import type { PersonRef } from '../domain/person-id';
import type { TimelineKind } from './sources';

export interface TimelineRow {
  id: string;
  occurred_at: Date;
  /** occurred_at as PostgreSQL wrote it (microseconds kept), for the cursor. */
  occurred_at_exact: string;
  kind: TimelineKind;
  role: 'self' | 'representative' | 'principal' | 'delegate';
  agency_id: string | null;
  agency_name_lv: string | null;
  agency_name_en: string | null;
  title_lv: string;
  title_en: string;
  case_id: string | null;
  reference: string | null;
}

/** Which events a reader may see: all (the person), or those of some agencies and some kinds (an agency's view). */
export interface TimelineScope {
  agencies?: readonly string[];
  /** Events of these kinds from any agency (a legal basis widens an agency's view so). */
  kinds?: readonly TimelineKind[];
}

export interface TimelineFilter {
  kind?: TimelineKind;
  agencyId?: string;
  /** From this day to that one, both inclusive, days in Latvian time (YYYY-MM-DD). */
  from?: string;
  to?: string;
  limit: number;
  after?: { occurredAt: string; id: string };
}

const SELECT = `SELECT t.id::text AS id, t.occurred_at, to_json(t.occurred_at) #>> '{}' AS occurred_at_exact, t.kind, t.role,
    t.agency_id, a.name_lv AS agency_name_lv, a.name_en AS agency_name_en, t.title_lv, t.title_en, t.case_id, t.reference
  FROM timeline_events t LEFT JOIN agencies a ON a.id = t.agency_id`;

export async function timelinePage(
  pool: Pool | PoolClient,
  person: PersonRef,
  f: TimelineFilter,
  scope: TimelineScope = {},
): Promise<{ rows: TimelineRow[]; more: boolean }> {
  const params: unknown[] = [person.type, person.id];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where = ['t.person_type = $1', 't.person_id = $2'];
  if (scope.agencies || scope.kinds) {
    where.push(`(t.agency_id = ANY(${p(scope.agencies ?? [])}::text[]) OR t.kind = ANY(${p(scope.kinds ?? [])}::text[]))`);
  }
  if (f.kind) where.push(`t.kind = ${p(f.kind)}`);
  if (f.agencyId) where.push(`t.agency_id = ${p(f.agencyId)}`);
  if (f.from) where.push(`t.occurred_at >= (${p(f.from)}::date)::timestamp AT TIME ZONE 'Europe/Riga'`);
  if (f.to) where.push(`t.occurred_at < (${p(f.to)}::date + 1)::timestamp AT TIME ZONE 'Europe/Riga'`);
  if (f.after) where.push(`(t.occurred_at, t.id) < (${p(f.after.occurredAt)}::timestamptz, ${p(f.after.id)}::bigint)`);
  const { rows } = await pool.query<TimelineRow>(
    `${SELECT} WHERE ${where.join(' AND ')} ORDER BY t.occurred_at DESC, t.id DESC LIMIT ${p(f.limit + 1)}`,
    params,
  );
  return { rows: rows.slice(0, f.limit), more: rows.length > f.limit };
}

/** The agencies that appear in a person's history within the scope (for the agency filter). */
export async function timelineAgencies(
  pool: Pool,
  person: PersonRef,
  scope: TimelineScope = {},
): Promise<Array<{ id: string; name_lv: string; name_en: string }>> {
  const scoped = scope.agencies || scope.kinds ? 'AND (t.agency_id = ANY($3::text[]) OR t.kind = ANY($4::text[]))' : '';
  const { rows } = await pool.query<{ id: string; name_lv: string; name_en: string }>(
    `SELECT a.id, a.name_lv, a.name_en FROM agencies a
      WHERE EXISTS (SELECT 1 FROM timeline_events t WHERE t.person_type = $1 AND t.person_id = $2 AND t.agency_id = a.id ${scoped})
      ORDER BY a.name_lv`,
    [person.type, person.id, ...(scoped ? [scope.agencies ?? [], scope.kinds ?? []] : [])],
  );
  return rows;
}

export interface TimelineExportEvent {
  occurredAt: string;
  kind: TimelineKind;
  role: TimelineRow['role'];
  agency: { id: string; name: { lv: string; en: string } } | null;
  title: { lv: string; en: string };
  caseId: string | null;
  reference: string | null;
}

/**
 * Every event of a natural person's history as plain JSON, oldest first: the GDPR export calls it (issue 18 §2). The
 * caller audits the export it is part of.
 */
export async function timelineForExport(db: Pool | PoolClient, personalCode: string): Promise<TimelineExportEvent[]> {
  const { rows } = await db.query<TimelineRow>(
    `${SELECT} WHERE t.person_type = 'natural' AND t.person_id = $1 ORDER BY t.occurred_at, t.id`,
    [personalCode],
  );
  return rows.map((r) => ({
    occurredAt: r.occurred_at.toISOString(),
    kind: r.kind,
    role: r.role,
    agency: r.agency_id ? { id: r.agency_id, name: { lv: r.agency_name_lv ?? r.agency_id, en: r.agency_name_en ?? r.agency_id } } : null,
    title: { lv: r.title_lv, en: r.title_en },
    caseId: r.case_id,
    reference: r.reference,
  }));
}
