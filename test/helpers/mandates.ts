// Recording a written mandate at the counter, as staff do before acting on it: upload the scanned document, then
// record who the representative is (checked against the population register simulator), its scope and validity.
import { expect } from 'chai';
import { call } from './http';

export const MANDATE_PDF = Buffer.from('%PDF-1.4\n% Pilnvara Nr. 12/2026\n%%EOF\n');

export async function uploadMandateDocument(staff: string): Promise<string> {
  const doc = await call('POST', '/api/v1/mandate-documents', {
    as: staff,
    body: MANDATE_PDF,
    headers: { 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent('pilnvara 12-2026.pdf') },
  });
  expect(doc.status, JSON.stringify(doc.body)).to.equal(201);
  return doc.body.id as string;
}

/** Records a mandate from `principal` to `representative` and answers its id. */
export async function recordMandate(
  staff: string,
  principal: string,
  representative: { id: string; name: string },
  extra: Record<string, unknown> = {},
): Promise<string> {
  const documentId = await uploadMandateDocument(staff);
  const recorded = await call('POST', '/api/v1/mandates', {
    as: staff,
    json: {
      principal: { type: 'natural', id: principal },
      representative: { type: 'natural', ...representative },
      documentId,
      documentReference: 'Nr. 12/2026, notārs I. Liepa',
      validFrom: '2026-01-01',
      scope: 'all',
      ...extra,
    },
  });
  expect(recorded.status, JSON.stringify(recorded.body)).to.equal(201);
  return recorded.body.id as string;
}
