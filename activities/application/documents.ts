// A definition's `document` step: the PDF the case's agency issues, sealed with its electronic seal (PAdES); a
// decision is printed as an administrative act. Once per document id `<case>:<step>`.
import crypto from 'node:crypto';
import type { Pool } from 'pg';
import type { Text } from '../../forms/eservice-definition/dsl';
import { documentExists, insertDocument } from '../../db/applications/documents';
import { renderPdf } from '../documents/pdf';
import { rigaDate } from '../documents/latvian-calendar';
import type { AdministrativeActTerms } from '../documents/administrative-act';
import type { SealStore } from '../documents/seal/seal-store';
import { recipientOf } from './case-recipient';

export function createDocumentActivities({ pool, seals }: { pool: Pool; seals: SealStore }) {
  return {
    /** The document as a PDF sealed by the case's agency (PAdES); a decision is printed as an administrative act. */
    async issueDocument(req: {
      caseId: string;
      stepId: string;
      documentType: string;
      title: Text;
      body: Text;
      administrativeAct?: AdministrativeActTerms;
    }): Promise<string> {
      const id = `${req.caseId}:${req.stepId}`;
      if (await documentExists(pool, id)) return id;
      const r = await recipientOf(pool, req.caseId);
      const seal = seals.sealFor({ id: r.agency_id, name: r.agency_name, registrationNumber: r.agency_registration_number });
      const now = new Date();
      const pdf = await renderPdf(
        {
          issuer: { name: { lv: r.agency_name, en: r.agency_name_en }, registrationNumber: r.agency_registration_number },
          title: req.title,
          reference: req.caseId,
          issuedOn: rigaDate(now),
          recipient: r.recipient_name ?? r.recipient_id,
          body: req.body,
          ...(req.administrativeAct ? { administrativeAct: req.administrativeAct } : {}),
        },
        { key: seal, signedAt: now },
      );
      await insertDocument(pool, {
        id,
        caseId: req.caseId,
        documentType: req.documentType,
        title: req.title,
        fileName: `${req.documentType}-${req.caseId}.pdf`,
        pdf,
        sha256: crypto.createHash('sha256').update(pdf).digest('hex'),
      });
      return id;
    },
  };
}
