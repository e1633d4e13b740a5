// "Something is wrong": a person's report of a discrepancy in a register item becomes a case of the register's holder
// agency (registered as every platform-originated case is, through db/cases/register-cases.ts), and its row here,
// in one transaction with its audit. Idempotent by the person and the Idempotency-Key: the case's external id.
import crypto from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { registerCases } from '../cases/register-cases';
import { inTransaction } from '../transaction';
import { audit } from '../audit';
import { DomainError } from '../domain/domain-error';
import { REGISTERS, type RegisterId } from './registers';

export interface DiscrepancyReport {
  register: RegisterId;
  itemId: string;
  field: string;
  wrong: string;
  correct: string;
  comment: string | null;
}

export interface Reporter {
  person: { type: 'natural'; id: string; name?: string };
  /** Who pressed the button (the person themself): the principal's subject. */
  actorId: string;
  idempotencyKey: string;
  requestId?: string;
}

export interface DiscrepancyRow {
  case_id: string;
  person_type: string;
  person_id: string;
  register: RegisterId;
  item_id: string;
  field: string;
  wrong_text: string;
  correct_text: string;
  comment: string | null;
  created_at: Date;
}

/** The case's external id: the person and their key, hashed (the agency sees it; a personal code has no place in it). */
export function reportId(personId: string, key: string): string {
  return `register-discrepancy:${crypto.createHash('sha256').update(`${personId}:${key}`).digest('base64url')}`;
}

async function insertRow(client: PoolClient, caseId: string, reporter: Reporter, report: DiscrepancyReport): Promise<void> {
  await client.query(
    `INSERT INTO register_discrepancies (case_id, person_type, person_id, register, item_id, field, wrong_text, correct_text, comment)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      caseId,
      reporter.person.type,
      reporter.person.id,
      report.register,
      report.itemId,
      report.field,
      report.wrong,
      report.correct,
      report.comment,
    ],
  );
}

/** Opens the case (or answers the one this key opened before) with its report row; `created` tells which. */
export async function reportDiscrepancy(
  pool: Pool,
  reporter: Reporter,
  report: DiscrepancyReport,
): Promise<{ row: DiscrepancyRow; created: boolean }> {
  const info = REGISTERS[report.register];
  const caseId = await inTransaction(pool, async (client) => {
    const [result] = await registerCases(
      pool,
      {
        agencyId: info.holder,
        actorType: 'citizen',
        actorId: reporter.actorId,
        purpose: 'register-discrepancy',
        requestId: reporter.requestId,
      },
      [
        {
          externalId: reportId(reporter.person.id, reporter.idempotencyKey),
          serviceId: info.discrepancyService.id,
          channel: 'eservice',
          recipient: reporter.person,
          status: 'submitted',
        },
      ],
      { client },
    );
    if (result.outcome === 'failed') throw new DomainError(result.error.code, result.error.message, result.error.details);
    if (result.outcome === 'existing') return { id: result.id, created: false };
    await insertRow(client, result.id, reporter, report);
    await audit(client, {
      actor: { type: 'citizen', id: reporter.actorId },
      subject: { type: reporter.person.type, id: reporter.person.id },
      action: 'create',
      resource: `register-discrepancy:${result.id}`,
      purpose: 'register-discrepancy',
      requestId: reporter.requestId,
      details: { caseId: result.id, register: report.register, itemId: report.itemId, field: report.field, holder: info.holder },
    });
    return { id: result.id, created: true };
  });
  const row = await discrepancyOfCase(pool, caseId.id);
  if (!row) throw new Error(`register discrepancy of case ${caseId.id} is missing`);
  return { row, created: caseId.created };
}

export async function discrepancyOfCase(pool: Pool, caseId: string): Promise<DiscrepancyRow | null> {
  const { rows } = await pool.query<DiscrepancyRow>('SELECT * FROM register_discrepancies WHERE case_id = $1', [caseId]);
  return rows[0] ?? null;
}
