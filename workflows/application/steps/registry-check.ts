// A register check: the answer must satisfy the condition, else the application is rejected, or (onFail
// requestInfo) the citizen may correct the data up to four times. Each attempt's outcome is recorded for the officer.
import { patched } from '@temporalio/workflow';
import type { RegistryCheckStep } from '../../../forms/eservice-definition/dsl';
import { evaluate } from '../../../forms/eservice-definition/expressions';
import { acts } from '../activities-proxy';
import type { RunContext } from '../run-context';

export async function runRegistryCheck(ctx: RunContext, step: RegistryCheckStep, path: string): Promise<void> {
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    const result = await ctx.callRegister(`${path}:${attempt}`, step);
    const passed = Boolean(evaluate(step.condition, { ...ctx.expressionData(), result }));
    ctx.state.steps[step.id] = { result, passed };
    // Kept for the officer who decides the case (applications started before this keep none).
    if (patched('record-register-checks')) {
      await acts.recordRegisterCheck({
        caseId: ctx.input.caseId,
        stepId: step.id,
        attempt,
        register: step.register,
        operation: step.operation,
        passed,
        result,
        idempotencyKey: `${ctx.workflowId}/${path}:${attempt}/check`,
      });
    }
    if (passed) return;
    if (step.onFail === 'requestInfo' && attempt < 5) {
      await ctx.waitForInfo(step.failMessage, `${path}:${attempt}`);
      continue;
    }
    await ctx.setStatus('rejected', step.failMessage);
    return;
  }
}
