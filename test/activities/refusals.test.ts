// One rule for every activity (activities/refusals.ts): a business refusal leaves it as a non-retryable
// ApplicationFailure with the refusal's stable code, never as an HTTP error retried for hours; other failures stay
// retryable. Pure: no stack, activities run in a mock activity context.
import { expect } from 'chai';
import { ApplicationFailure } from '@temporalio/common';
import { asActivityFailure, refusalsAreFinal } from '../../activities/refusals';
import { ApiError } from '../../api/platform/errors';
import { DomainError } from '../../db/domain/domain-error';
import { activityEnvironment } from './fake-adapters';

describe('activities/refusals', () => {
  it('a DomainError is the one refusal and is final; anything else stays retryable, an HTTP-shaped error too', () => {
    const refusal = asActivityFailure(new DomainError('iban_malformed', 'not an IBAN')) as ApplicationFailure;
    expect(refusal).to.be.instanceOf(ApplicationFailure).and.include({ type: 'iban_malformed', nonRetryable: true });
    // Activities cannot import api/ (lint), so an ApiError never reaches one; were it to, it would not count as a refusal.
    const http4xx = new ApiError(422, 'invoice_invalid', 'no');
    expect(asActivityFailure(http4xx)).to.equal(http4xx);
    const network = new Error('ECONNRESET');
    expect(asActivityFailure(network)).to.equal(network);
  });

  it('wraps every activity of a set: answers pass through, a refusal keeps its message, details and cause', async () => {
    const refusal = new DomainError('creditor_iban_invalid', 'The creditor IBAN is not valid.', [
      { path: '/iban', code: 'checksum', message: 'bad check digits' },
    ]);
    const own = ApplicationFailure.create({ type: 'DefinitionError', message: 'no such step', nonRetryable: true });
    const activities = refusalsAreFinal({
      answers: async (n: number) => n + 1,
      refuses: async () => {
        throw refusal;
      },
      failsItsOwnWay: async () => {
        throw own;
      },
    });
    const env = activityEnvironment();
    expect(await env.run(activities.answers, 41)).to.equal(42);
    const failure = await env.run(activities.refuses).then(
      () => expect.fail('refused'),
      (e: unknown) => e as ApplicationFailure,
    );
    expect(failure).to.be.instanceOf(ApplicationFailure);
    expect(failure).to.include({
      type: 'creditor_iban_invalid',
      message: 'The creditor IBAN is not valid.',
      nonRetryable: true,
      cause: refusal,
    });
    expect(failure.details).to.deep.equal([refusal.details]);
    expect(
      await env.run(activities.failsItsOwnWay).then(
        () => null,
        (e: unknown) => e,
      ),
      'an ApplicationFailure is kept as it is',
    ).to.equal(own);
  });
});
