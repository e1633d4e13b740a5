// Who may do what in the catalogue: agency administrators write their agency's descriptions, the agency's approvers
// and the platform's catalogue administrators review them; all three read the management pages.
import type { Principal } from '../app/api/types';

const has = (p: Principal | null, role: string) => !!p?.roles.includes(role);

export const isCatalogAuthor = (p: Principal | null) => has(p, 'agency-admin');
export const isCatalogueAdmin = (p: Principal | null) => has(p, 'catalogue-admin');
export const isCatalogReviewer = (p: Principal | null) => has(p, 'agency-approver') || has(p, 'catalogue-admin');
export const isCatalogStaff = (p: Principal | null) => isCatalogAuthor(p) || isCatalogReviewer(p);
