// The access logs registers push (POST /api/v1/registers/access-logs): reads of a person's data that other
// institutions made in the register itself. Stored once per (register, record id): a batch sent again stores nothing
// twice. Each stored record is a write of the person's data, audited in the same transaction; one under embargo is
// audited as the embargo being set (the list of uses hides those bookkeeping rows).
import type { Pool } from 'pg';
import { audit, type AuditEntry } from '../audit';
import { inTransaction } from '../transaction';

export interface AccessLogRecord {
  recordId: string;
  at: string;
  subject: string;
  concerns?: string | undefined;
  agency: { code: string; name: { lv: string; en: string } };
  role: { lv: string; en: string };
  data: { lv: string; en: string };
  purpose: { code: string; lv: string; en: string };
  legalBasis: string;
  caseReference?: string | undefined;
  embargoUntil?: string | undefined;
}

export interface StoreResult {
  stored: number;
  duplicates: number;
}

/** Stores the register's records that are new (by record id) and audits each stored one; answers the counts. */
export async function storeAccessLogs(
  pool: Pool,
  register: { id: string; clientId: string; agency: string },
  records: AccessLogRecord[],
  requestId?: string,
): Promise<StoreResult> {
  if (records.length === 0) return { stored: 0, duplicates: 0 };
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<{
      record_id: string;
      subject_id: string;
      concerns_id: string | null;
      embargo_until: string | null;
    }>(
      `INSERT INTO register_access_logs (register, record_id, at, subject_id, concerns_id, agency_code, agency_name_lv,
         agency_name_en, role_lv, role_en, data_lv, data_en, purpose_code, purpose_lv, purpose_en, legal_basis,
         case_reference, embargo_until)
       SELECT $1, r.record_id, r.at, r.subject_id, r.concerns_id, r.agency_code, r.agency_name_lv, r.agency_name_en,
              r.role_lv, r.role_en, r.data_lv, r.data_en, r.purpose_code, r.purpose_lv, r.purpose_en, r.legal_basis,
              r.case_reference, r.embargo_until
         FROM jsonb_to_recordset($2::jsonb) AS r(record_id text, at timestamptz, subject_id text, concerns_id text,
              agency_code text, agency_name_lv text, agency_name_en text, role_lv text, role_en text, data_lv text,
              data_en text, purpose_code text, purpose_lv text, purpose_en text, legal_basis text, case_reference text,
              embargo_until date)
       ON CONFLICT (register, record_id) DO NOTHING
       RETURNING record_id, subject_id, concerns_id, to_char(embargo_until, 'YYYY-MM-DD') AS embargo_until`,
      [
        register.id,
        JSON.stringify(
          records.map((r) => ({
            record_id: r.recordId,
            at: r.at,
            subject_id: r.subject,
            concerns_id: r.concerns ?? null,
            agency_code: r.agency.code,
            agency_name_lv: r.agency.name.lv,
            agency_name_en: r.agency.name.en,
            role_lv: r.role.lv,
            role_en: r.role.en,
            data_lv: r.data.lv,
            data_en: r.data.en,
            purpose_code: r.purpose.code,
            purpose_lv: r.purpose.lv,
            purpose_en: r.purpose.en,
            legal_basis: r.legalBasis,
            case_reference: r.caseReference ?? null,
            embargo_until: r.embargoUntil ?? null,
          })),
        ),
      ],
    );
    await audit(
      client,
      rows.map((row): AuditEntry => ({
        actor: { type: 'system', id: register.clientId, agency: register.agency },
        subject: { type: 'natural', id: row.subject_id },
        action: 'create',
        resource: `register-access-log:${register.id}/${row.record_id}`,
        purpose: row.embargo_until ? 'embargo-set' : 'access-log-received',
        requestId,
        details: {
          register: register.id,
          recordId: row.record_id,
          ...(row.concerns_id ? { concerns: row.concerns_id } : {}),
          ...(row.embargo_until ? { embargoUntil: row.embargo_until } : {}),
        },
      })),
    );
    return { stored: rows.length, duplicates: records.length - rows.length };
  });
}
