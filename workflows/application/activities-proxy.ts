// Activity proxies of the interpreter, one per retry budget. Budgets are stated in human time.
import { proxyActivities } from '@temporalio/workflow';
import type { ApplicationActivities } from '../../activities/application';

// Database work on the platform's own PostgreSQL: 1 s doubling to 1 min, for about three hours.
export const acts = proxyActivities<ApplicationActivities>({
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    maximumAttempts: 200,
    nonRetryableErrorTypes: ['DefinitionError'],
  },
});

// First try at a register: four attempts within about four seconds, so a flaky register costs the citizen little.
export const quickRegisterActs = proxyActivities<Pick<ApplicationActivities, 'callRegister'>>({
  startToCloseTimeout: '15 seconds',
  retry: {
    initialInterval: '300 milliseconds',
    backoffCoefficient: 2,
    maximumAttempts: 4,
    nonRetryableErrorTypes: ['SystemRejectedError'],
  },
});

// A register that stays down: the application waits (the citizen sees why), retrying every 5 s growing to 15 s,
// so it continues within 15 s of the register coming back; for three days before an operator has to look at it.
export const patientRegisterActs = proxyActivities<Pick<ApplicationActivities, 'callRegister'>>({
  startToCloseTimeout: '15 seconds',
  scheduleToCloseTimeout: '3 days',
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '15 seconds',
    nonRetryableErrorTypes: ['SystemRejectedError'],
  },
});

// The policy applications started before the patch keep (workflow.ts asks patched('register-retry-capped')): up to
// 10 min between attempts, which left a citizen waiting up to 10 min after the register was back.
export const legacyPatientRegisterActs = proxyActivities<Pick<ApplicationActivities, 'callRegister'>>({
  startToCloseTimeout: '15 seconds',
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
    maximumAttempts: 450,
    nonRetryableErrorTypes: ['SystemRejectedError'],
  },
});

// Copies to the e-address mailbox and notifications: 5 s doubling to 30 min, for about four days.
export const deliveryActs = proxyActivities<Pick<ApplicationActivities, 'deliverStatusToEAddress' | 'notifyRecipient'>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes', maximumAttempts: 200 },
});
