// Sets a status of the case (with an optional label rendered from the form and earlier steps).
import type { SetStatusStep } from '../../../forms/eservice-definition/dsl';
import { renderText } from '../../../forms/eservice-definition/expressions';
import type { RunContext } from '../run-context';

export async function runSetStatus(ctx: RunContext, step: SetStatusStep, _path: string): Promise<void> {
  await ctx.setStatus(step.status, step.label ? renderText(step.label, ctx.expressionData()) : null);
}
