// The level of assurance of the sign-in with which a case was opened (migration 0017); null: not through an identity
// provider. Recorded once: a retried open does not change it.
import type { Pool, PoolClient } from 'pg';
import type { LevelOfAssurance } from '../domain/level-of-assurance';
import { registeredAtOf } from './partitions';

export async function recordCaseLevel(db: Pool | PoolClient, caseId: string, level: LevelOfAssurance | null): Promise<void> {
  if (level === null) return;
  await db.query(
    `UPDATE cases SET level_of_assurance = $2
      WHERE id = $1 AND registered_at = ${registeredAtOf('$1')} AND level_of_assurance IS NULL`,
    [caseId, level],
  );
}
