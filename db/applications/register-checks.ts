// The automatic register checks of an application's workflow (the `registryCheck` steps), kept so that the officer
// deciding the case sees what was checked and what the register answered. One row per attempt, written once however
// often the activity is retried (the workflow's key).
import type { Pool } from 'pg';

export interface RegisterCheck {
  caseId: string;
  stepId: string;
  attempt: number;
  register: string;
  operation: string;
  passed: boolean;
  result: unknown;
}

export async function recordRegisterCheck(pool: Pool, idempotencyKey: string, c: RegisterCheck): Promise<void> {
  await pool.query(
    `INSERT INTO application_register_checks (idempotency_key, case_id, step_id, attempt, register, operation, passed, result)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (idempotency_key) DO NOTHING`,
    [idempotencyKey, c.caseId, c.stepId, c.attempt, c.register, c.operation, c.passed, JSON.stringify(c.result ?? null)],
  );
}

/** The checks of an application, oldest first. */
export async function registerChecksOf(pool: Pool, caseId: string): Promise<Array<RegisterCheck & { checkedAt: Date }>> {
  const { rows } = await pool.query<{
    step_id: string;
    attempt: number;
    register: string;
    operation: string;
    passed: boolean;
    result: unknown;
    checked_at: Date;
  }>(
    `SELECT step_id, attempt, register, operation, passed, result, checked_at FROM application_register_checks
      WHERE case_id = $1 ORDER BY checked_at, attempt`,
    [caseId],
  );
  return rows.map((r) => ({
    caseId,
    stepId: r.step_id,
    attempt: r.attempt,
    register: r.register,
    operation: r.operation,
    passed: r.passed,
    result: r.result,
    checkedAt: r.checked_at,
  }));
}
