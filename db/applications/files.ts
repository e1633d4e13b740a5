// Files a citizen uploads for their application (answers to a request for information). The content is bytea,
// written with SQL (the driver sends the Buffer as it is); lists are read through the model.
import type { Pool } from 'pg';
import { Op } from 'sequelize';
import { applicationModels } from './models';

export interface NewApplicationFile {
  id: string;
  caseId: string;
  uploadedBy: string;
  fileName: string;
  contentType: string;
  content: Buffer;
  sha256: string;
}

export async function insertApplicationFile(pool: Pool, f: NewApplicationFile): Promise<void> {
  await pool.query(
    'INSERT INTO application_files (id, case_id, uploaded_by, file_name, content_type, byte_size, content, sha256) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)',
    [f.id, f.caseId, f.uploadedBy, f.fileName, f.contentType, f.content.length, f.content, f.sha256],
  );
}

/** How many of the ids are files of this application (each file counted once). */
export async function countFilesOfApplication(pool: Pool, caseId: string, fileIds: string[]): Promise<number> {
  return applicationModels(pool).file.count({ where: { caseId, id: { [Op.in]: fileIds } } });
}

export interface ApplicationFileInfo {
  id: string;
  fileName: string;
  contentType: string;
  byteSize: number;
  createdAt: Date;
}

/** The files of an application (without their content), oldest first. */
export async function filesOfApplication(pool: Pool, caseId: string): Promise<ApplicationFileInfo[]> {
  const rows = await applicationModels(pool).file.findAll({
    attributes: ['id', 'fileName', 'contentType', 'byteSize', 'createdAt'],
    where: { caseId },
    order: [['createdAt', 'ASC']],
  });
  return rows.map((r) => ({ id: r.id, fileName: r.fileName, contentType: r.contentType, byteSize: r.byteSize, createdAt: r.createdAt }));
}

/** One file of an application with its content, or null when the application has no such file. */
export async function fileOfApplication(
  pool: Pool,
  caseId: string,
  fileId: string,
): Promise<(ApplicationFileInfo & { content: Buffer; sha256: string }) | null> {
  const row = await applicationModels(pool).file.findOne({
    attributes: ['id', 'fileName', 'contentType', 'byteSize', 'createdAt', 'content', 'sha256'],
    where: { caseId, id: fileId },
  });
  if (!row) return null;
  return {
    id: row.id,
    fileName: row.fileName,
    contentType: row.contentType,
    byteSize: row.byteSize,
    createdAt: row.createdAt,
    content: row.content,
    sha256: row.sha256,
  };
}
