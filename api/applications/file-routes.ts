// Opening a file the citizen uploaded for their application (answers to a request for information): the citizen,
// their representative and the officers of the case's agency (policy: accessToApplicationFile). Every download is
// audited as a read of personal data. The file is always a download (Content-Disposition: attachment) with the type
// it was accepted as and nosniff, so an uploaded file never runs as a page of the platform's origin.
import { route } from '../platform/routing';
import { notFound } from '../platform/errors';
import { accessToApplicationFile, applicationSubject, auditEntry } from '../platform/auth/policy';
import { FILE_TYPES } from '../platform/uploads';
import { parseCaseId } from '../platform/params';
import { audit } from '../../db/audit';
import { findApplication } from '../../db/applications/reads';
import { fileOfApplication } from '../../db/applications/files';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The type the file is sent with: the accepted type it was uploaded as (text in UTF-8), else a plain download. */
function downloadType(stored: string): string {
  if (!FILE_TYPES.includes(stored)) return 'application/octet-stream';
  return stored === 'text/plain' ? 'text/plain; charset=utf-8' : stored;
}

/** Where a file of an application is downloaded (the task and application views link to it). */
export const applicationFileHref = (caseId: string, fileId: string) => `/api/v1/applications/${caseId}/files/${encodeURIComponent(fileId)}`;

export const applicationFileRoutes = [
  route({
    method: 'get',
    path: '/api/v1/applications/:id/files/:fileId',
    tag: 'E-services',
    summary: 'Download a file the citizen uploaded for the application (the citizen, their representative, the agency)',
    auth: ['citizen', 'agency-officer', 'agency-admin'],
    responses: {
      200: { description: 'The file, as an attachment, with the type it was uploaded as', contentType: 'application/octet-stream' },
      404: { description: 'No such file, or not yours to open', schema: 'error' },
    },
    async handler(ctx) {
      const pool = ctx.deps.db.pool;
      const caseId = parseCaseId(ctx.params.id);
      const row = await findApplication(pool, caseId);
      const access = row ? await accessToApplicationFile(pool, ctx.principal, applicationSubject(row)) : null;
      if (!row || !access || !UUID.test(ctx.params.fileId)) throw notFound('file');
      const file = await fileOfApplication(pool, caseId, ctx.params.fileId);
      if (!file) throw notFound('file');
      await audit(
        pool,
        auditEntry(ctx.principal, access, applicationSubject(row), 'read', `application-file:${file.id}`, ctx.requestId, { caseId }),
      );
      ctx.res
        .attachment(file.fileName)
        .set({
          'Content-Type': downloadType(file.contentType),
          'X-Content-Type-Options': 'nosniff',
          'Content-Security-Policy': "default-src 'none'; sandbox",
          'Cache-Control': 'private, no-store',
          ETag: `"${file.sha256}"`,
        })
        .send(file.content);
    },
  }),
];
