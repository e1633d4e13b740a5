// What the API says about a registered delegation: never the row as is.

export type DelegationStatus = 'active' | 'scheduled' | 'expired' | 'revoked';

export interface DelegationRow {
  id: string;
  principal_type: string;
  principal_id: string;
  principal_name: string | null;
  representative_type: string;
  representative_id: string;
  representative_name: string | null;
  scope: 'all' | 'eservices';
  eservice_ids: string[];
  /** Dates as text (YYYY-MM-DD): a PostgreSQL date is a calendar day, not an instant in some time zone. */
  valid_from: string;
  valid_until: string | null;
  created_at: Date | null;
  revoked_at: Date | null;
  /** Computed by the query against the database's current_date, the same day the counter checks use. */
  status: DelegationStatus;
}

export function presentDelegation(row: DelegationRow) {
  const person = (type: string, id: string, name: string | null) => ({ type, id, ...(name ? { name } : {}) });
  return {
    id: row.id,
    principal: person(row.principal_type, row.principal_id, row.principal_name),
    representative: person(row.representative_type, row.representative_id, row.representative_name),
    scope: row.scope === 'all' ? ('all' as const) : [...row.eservice_ids],
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    status: row.status,
    createdAt: row.created_at ? row.created_at.toISOString() : null,
    revokedAt: row.revoked_at ? row.revoked_at.toISOString() : null,
  };
}

export type Delegation = ReturnType<typeof presentDelegation>;
