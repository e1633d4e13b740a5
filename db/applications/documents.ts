// Documents an e-service issues (decision PDFs): written once by the interpreter's activity (idempotent by the
// document id, derived from the case and step), read by the citizen and the agency.
import type { Pool } from 'pg';
import { applicationModels } from './models';

export interface DocumentFile {
  fileName: string;
  contentType: string;
  content: Buffer;
  sha256: string;
}

/** The file of a document issued for this application, or null. */
export async function documentOfApplication(pool: Pool, documentId: string, caseId: string): Promise<DocumentFile | null> {
  const row = await applicationModels(pool).document.findOne({
    attributes: ['fileName', 'contentType', 'content', 'sha256'],
    where: { id: documentId, caseId },
  });
  return row ? { fileName: row.fileName, contentType: row.contentType, content: row.content, sha256: row.sha256 } : null;
}

/** The titles of the documents issued for an application (an officer's task lists them). */
export async function documentTitlesOf(pool: Pool, caseId: string): Promise<Array<{ id: string; titleLv: string; titleEn: string }>> {
  const rows = await applicationModels(pool).document.findAll({ attributes: ['id', 'titleLv', 'titleEn'], where: { caseId } });
  return rows.map((r) => ({ id: r.id, titleLv: r.titleLv, titleEn: r.titleEn }));
}

/** The documents issued for each of these cases (a citizen's list of cases links them), oldest first. */
export async function documentsOfCases(
  pool: Pool,
  caseIds: string[],
): Promise<Map<string, Array<{ id: string; titleLv: string; titleEn: string }>>> {
  const byCase = new Map<string, Array<{ id: string; titleLv: string; titleEn: string }>>(caseIds.map((id) => [id, []]));
  if (caseIds.length === 0) return byCase;
  const rows = await applicationModels(pool).document.findAll({
    attributes: ['id', 'caseId', 'titleLv', 'titleEn'],
    where: { caseId: caseIds },
    order: [['createdAt', 'ASC']],
  });
  for (const r of rows) byCase.get(r.caseId)?.push({ id: r.id, titleLv: r.titleLv, titleEn: r.titleEn });
  return byCase;
}

export async function documentExists(pool: Pool, documentId: string): Promise<boolean> {
  return (await applicationModels(pool).document.count({ where: { id: documentId } })) > 0;
}

export interface NewDocument {
  id: string;
  caseId: string;
  documentType: string;
  title: { lv: string; en: string };
  fileName: string;
  pdf: Buffer;
  sha256: string;
}

/** Stores an issued PDF; a document with this id stays as it was (a retried activity). */
export async function insertDocument(pool: Pool, d: NewDocument): Promise<void> {
  await pool.query(
    `INSERT INTO documents (id, case_id, document_type, title_lv, title_en, file_name, content_type, content, sha256)
     VALUES ($1, $2, $3, $4, $5, $6, 'application/pdf', $7, $8) ON CONFLICT (id) DO NOTHING`,
    [d.id, d.caseId, d.documentType, d.title.lv, d.title.en, d.fileName, d.pdf, d.sha256],
  );
}
