// What the API says about a registered delegation: never the row as is.
import type { DelegationRow } from '../../db/delegations/delegations';
import type { Delegation, PersonRef } from '../../forms/types/api';

export function presentDelegation(row: DelegationRow): Delegation {
  const person = (type: PersonRef['type'], id: string, name: string | null): PersonRef => ({ type, id, ...(name ? { name } : {}) });
  return {
    id: row.id,
    principal: person(row.principal_type, row.principal_id, row.principal_name),
    representative: person(row.representative_type, row.representative_id, row.representative_name),
    scope: row.scope === 'all' ? ('all' as const) : [...row.eservice_ids],
    rights: row.rights,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    status: row.status,
    createdAt: row.created_at ? row.created_at.toISOString() : null,
    revokedAt: row.revoked_at ? row.revoked_at.toISOString() : null,
  };
}
