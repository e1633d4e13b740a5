// A call to an external system (a register role) whose answer later steps may read.
import type { CallSystemStep } from '../../../forms/eservice-definition/dsl';
import type { RunContext } from '../run-context';

export async function runCallSystem(ctx: RunContext, step: CallSystemStep, path: string): Promise<void> {
  ctx.state.steps[step.id] = { result: await ctx.callRegister(path, step) };
}
