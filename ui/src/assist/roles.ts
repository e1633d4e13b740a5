// Who may act at the counter on a written mandate or a registered delegation: front-office staff (not a support
// specialist, who only ever views).
import type { Principal } from '../app/api/types';

export const isCounterStaff = (p: Principal | null) => !!p?.roles.some((r) => r === 'kac-staff' || r === 'agency-officer');
