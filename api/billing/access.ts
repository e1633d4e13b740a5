// Who may see an invoice, asked by every billing route that reads one (invoices and online payments alike).
import type { RouteContext } from '../platform/routing';
import { notFound } from '../platform/errors';
import { hasRole } from '../platform/auth/principal';
import { loadInvoice, type Invoice } from './presenter';
import { audit } from '../../db/audit';

const AGENCY = ['agency-system', 'agency-admin', 'agency-officer'] as const;

/** The issuing agency and the payer may see an invoice; anyone else gets 404. */
export async function visibleInvoice(ctx: RouteContext, id: string): Promise<Invoice> {
  const inv = await loadInvoice(ctx.deps.db.pool, id);
  const p = ctx.principal;
  const issuer = inv && hasRole(p, ...AGENCY) && p.agency === inv.agencyId;
  const payer = inv && p.person && p.person.type === inv.payer.type && p.person.id === inv.payer.id;
  if (!inv || !(issuer || payer)) throw notFound('invoice');
  await audit(ctx.deps.db.pool, {
    actor: { type: payer ? 'citizen' : 'staff', id: p.sub, agency: p.agency, office: p.office },
    subject: { type: inv.payer.type, id: inv.payer.id },
    action: 'read',
    resource: `invoice:${inv.id}`,
    purpose: payer ? 'own-invoice' : 'billing',
    requestId: ctx.requestId,
  });
  return inv;
}
