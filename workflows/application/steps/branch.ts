// A branch: runs `then` or `else` by a condition over the form and earlier steps.
import type { BranchStep } from '../../../forms/eservice-definition/dsl';
import { evaluate } from '../../../forms/eservice-definition/expressions';
import type { RunContext } from '../run-context';

export async function runBranch(ctx: RunContext, step: BranchStep, path: string): Promise<void> {
  const chosen = evaluate(step.if, ctx.expressionData()) ? step.then : (step.else ?? []);
  ctx.state.steps[step.id] = { taken: evaluate(step.if, ctx.expressionData()) ? 'then' : 'else' };
  await ctx.runSteps(chosen, `${path}/`);
}
