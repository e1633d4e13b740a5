// Activities of the interpreter (issue 13, section 8): a business refusal inside an activity is final (a
// non-retryable ApplicationFailure with the refusal's code, never an HTTP error retried for hours), and the
// citizen's answer to a request for information is recorded once however often its activity runs. The rule itself,
// without the database, is in test/activities/refusals.test.ts (fast tier).
import crypto from 'node:crypto';
import { expect } from 'chai';
import { MockActivityEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/common';
import { stack } from '../setup';
import { createActivities } from '../../activities';
import { ApiError } from '../../api/platform/errors';
import { openResidenceDeclaration } from '../helpers/applications';
import { applicationWorkflowId } from '../../workflows/application/api';

/** A residence declaration whose workflow runs on a queue without a worker: the activities here are the only actors. */
async function quietApplication(index: number): Promise<string> {
  const { caseId } = await openResidenceDeclaration(
    stack.db.pool,
    async () => stack.temporal.client,
    `quiet-${crypto.randomBytes(4).toString('hex')}`,
    index,
  );
  return caseId;
}

describe('activities/application', function () {
  this.timeout(60_000);
  const activities = () => createActivities({ pool: stack.db.pool, adapters: stack.adapters, seals: stack.seals });

  it('a business refusal inside an activity is a non-retryable ApplicationFailure with its stable code', async () => {
    const caseId = await quietApplication(1);
    const env = new MockActivityEnvironment();
    // A payment step whose amount rounds to nothing: billing refuses the invoice (non_positive_total).
    const error = await env
      .run(activities().invoiceForPayment, {
        caseId,
        requestId: `${caseId}:fee`,
        amountEur: 0.001,
        description: { lv: 'Nodeva', en: 'Fee' },
        expiresIn: '14 days',
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).to.be.instanceOf(ApplicationFailure);
    expect(error).not.to.be.instanceOf(ApiError);
    expect(error).to.include({ type: 'non_positive_total', nonRetryable: true });
  });

  it('recordInfoAnswer run twice with the same key (a retry after the commit) records one answer', async () => {
    const caseId = await quietApplication(2);
    const env = new MockActivityEnvironment();
    const answer = { caseId, data: { phone: '+37120000000' }, fileIds: [], idempotencyKey: `application:${caseId}/info-answer:2` };
    await env.run(activities().recordInfoAnswer, answer);
    await env.run(activities().recordInfoAnswer, answer);
    const { rows } = await stack.db.pool.query(
      "SELECT submitted_data->'additionalInformation' AS info FROM applications WHERE case_id = $1",
      [caseId],
    );
    expect(rows[0].info).to.deep.equal([{ phone: '+37120000000', fileIds: [] }]);
    // A second request for information is a new key: its answer is kept as well.
    await env.run(activities().recordInfoAnswer, { ...answer, idempotencyKey: `application:${caseId}/info-answer:4` });
    const again = await stack.db.pool.query(
      "SELECT jsonb_array_length(submitted_data->'additionalInformation') AS n FROM applications WHERE case_id = $1",
      [caseId],
    );
    expect(again.rows[0].n).to.equal(2);
  });

  it('recordInfoAnswer from a workflow started before keys: the activity id keys the retries', async () => {
    const caseId = await quietApplication(3);
    const env = new MockActivityEnvironment({
      activityId: 'record-info-7',
      workflowExecution: { workflowId: applicationWorkflowId(caseId), runId: 'r1' },
    });
    const answer = { caseId, data: { email: 'a@example.lv' }, fileIds: [] };
    await env.run(activities().recordInfoAnswer, answer);
    await env.run(activities().recordInfoAnswer, answer);
    const { rows } = await stack.db.pool.query(
      "SELECT jsonb_array_length(submitted_data->'additionalInformation') AS n FROM applications WHERE case_id = $1",
      [caseId],
    );
    expect(rows[0].n).to.equal(1);
  });
});
