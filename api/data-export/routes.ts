// The person's export of everything the platform holds about them (GDPR right of access): JSON (data-export) or a
// PDF (?format=pdf or Accept: application/pdf), built from the export's sections (./sections.ts). Audited as `export`.
import { route } from '../platform/routing';
import { actorType } from '../platform/auth/principal';
import { forbidden } from '../platform/errors';
import type { Validated } from '../../forms/types/validated';
import type { DataExport } from '../../forms/types/api';
import { audit } from '../../db/audit';
import { exportSections } from './sections';
import { renderExportPdf } from './pdf';

export const dataExportRoutes = [
  route<unknown, Validated<'data-export-query'>>({
    method: 'get',
    path: '/api/v1/me/export',
    tag: 'Citizen',
    summary: 'Everything about me: cases, applications, delegations, invoices, who used my data (JSON or PDF)',
    auth: ['citizen'],
    query: 'data-export-query',
    responses: {
      200: { description: 'The export (JSON; a PDF with ?format=pdf or Accept: application/pdf)', schema: 'data-export' },
      403: { description: 'The account has no Latvian personal code', schema: 'error' },
    },
    async handler(ctx) {
      const person = ctx.principal.person;
      if (!person || person.type !== 'natural') throw forbidden('The export is for a person with a Latvian personal code.');
      const pdf =
        ctx.query.format === 'pdf' ||
        (ctx.query.format === undefined && ctx.req.accepts(['application/json', 'application/pdf']) === 'application/pdf');
      const sections = [];
      for (const section of exportSections) sections.push(await section(ctx.deps, person.id));
      const body: DataExport = {
        format: 'sdp-data-export/1',
        exportedAt: new Date().toISOString(),
        person: { type: person.type, id: person.id, name: ctx.principal.name },
        sections: sections as DataExport['sections'],
      };
      await audit(ctx.deps.db.pool, {
        actor: { type: actorType(ctx.principal), id: ctx.principal.sub },
        subject: { type: person.type, id: person.id },
        action: 'export',
        resource: 'me/export',
        purpose: 'own-data-export',
        requestId: ctx.requestId,
        details: { format: pdf ? 'pdf' : 'json', sections: sections.map((s) => s.key) },
      });
      if (!pdf) return { body, headers: { 'Content-Disposition': 'attachment; filename="mani-dati.json"' } };
      const bytes = await renderExportPdf(body);
      ctx.res
        .status(200)
        .set({
          'Content-Type': 'application/pdf',
          'Content-Disposition': 'attachment; filename="mani-dati.pdf"',
          'Cache-Control': 'no-store',
        })
        .end(bytes);
    },
  }),
];
