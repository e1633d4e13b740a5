// "Something is wrong": the checks of a discrepancy report beyond its schema (422 with the field at fault), then the
// case of the register's holder agency (db/register-data/discrepancies.ts), presented with the case's title.
import crypto from 'node:crypto';
import type { Pool } from 'pg';
import type { ErrorDetail, RegisterDataDiscrepancy, RegisterDataDiscrepancyCreate } from '../../forms/types/api';
import { unprocessable } from '../platform/errors';
import { referenceData } from '../../db/reference';
import { REGISTERS } from '../../db/register-data/registers';
import { reportDiscrepancy, type DiscrepancyRow } from '../../db/register-data/discrepancies';
import { FIELD_LABELS } from './fields';

function problemsOf(body: RegisterDataDiscrepancyCreate): ErrorDetail[] {
  const info = REGISTERS[body.register];
  const problems: ErrorDetail[] = [];
  if (!info.itemId.test(body.itemId)) {
    problems.push({ path: '/itemId', code: 'unknown_item', message: `is not an item of the ${info.name.en.toLowerCase()}` });
  }
  if (!info.fields.includes(body.field)) {
    problems.push({ path: '/field', code: 'unknown_field', message: `the ${info.name.en.toLowerCase()} has no field "${body.field}"` });
  }
  if (!body.wrong.trim()) problems.push({ path: '/wrong', code: 'blank', message: 'say what is wrong' });
  if (!body.correct.trim()) problems.push({ path: '/correct', code: 'blank', message: 'say what is right' });
  else if (body.correct.trim() === body.wrong.trim()) {
    problems.push({ path: '/correct', code: 'same_as_wrong', message: 'is the same as what is wrong: say what the right data is' });
  }
  return problems;
}

export async function presentDiscrepancy(pool: Pool, row: DiscrepancyRow): Promise<RegisterDataDiscrepancy> {
  const info = REGISTERS[row.register];
  const agency = (await referenceData(pool)).agencies.get(info.holder);
  return {
    caseId: row.case_id,
    register: row.register,
    registerName: info.name,
    itemId: row.item_id,
    field: row.field,
    fieldLabel: FIELD_LABELS[row.field] ?? { lv: row.field, en: row.field },
    wrong: row.wrong_text,
    correct: row.correct_text,
    comment: row.comment,
    holder: { agencyId: info.holder, name: agency ? { lv: agency.nameLv, en: agency.nameEn } : { lv: info.holder, en: info.holder } },
    title: { lv: info.discrepancyService.titleLv, en: info.discrepancyService.titleEn },
    createdAt: row.created_at.toISOString(),
  };
}

export async function reportRegisterDiscrepancy(
  pool: Pool,
  reporter: { personalCode: string; name?: string; actorId: string; idempotencyKey?: string; requestId: string },
  body: RegisterDataDiscrepancyCreate,
): Promise<{ discrepancy: RegisterDataDiscrepancy; created: boolean }> {
  const problems = problemsOf(body);
  if (problems.length) throw unprocessable('invalid_discrepancy', 'The report cannot be accepted as it is.', problems);
  const { row, created } = await reportDiscrepancy(
    pool,
    {
      person: { type: 'natural', id: reporter.personalCode, ...(reporter.name ? { name: reporter.name } : {}) },
      actorId: reporter.actorId,
      idempotencyKey: reporter.idempotencyKey ?? crypto.randomUUID(),
      requestId: reporter.requestId,
    },
    {
      register: body.register,
      itemId: body.itemId,
      field: body.field,
      wrong: body.wrong.trim(),
      correct: body.correct.trim(),
      comment: body.comment?.trim() || null,
    },
  );
  return { discrepancy: await presentDiscrepancy(pool, row), created };
}
