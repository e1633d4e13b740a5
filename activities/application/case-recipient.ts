// What every part of the interpreter's activities shares: the case's recipient and agency, and the refusal that no
// retry mends (a definition naming a case, version or operation that does not exist).
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Pool } from 'pg';
import { caseRecipient } from '../../db/cases/read-cases';

export const definitionError = (message: string) => ApplicationFailure.create({ type: 'DefinitionError', message, nonRetryable: true });

/** The case's recipient, agency and names; a missing case is the definition's mistake. */
export async function recipientOf(pool: Pool, caseId: string) {
  const recipient = await caseRecipient(pool, caseId);
  if (!recipient) throw definitionError(`case ${caseId} not found`);
  return recipient;
}

/** The same for every attempt of one scheduled activity: its workflow and activity id. */
export function activityKey(): string {
  const info = Context.current().info;
  return `${info.workflowExecution?.workflowId ?? info.activityType}/activity:${info.activityId}`;
}
