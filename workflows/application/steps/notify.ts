// A notification to the recipient, delivered in the background.
import type { NotifyStep } from '../../../forms/eservice-definition/dsl';
import type { RunContext } from '../run-context';

export async function runNotify(ctx: RunContext, step: NotifyStep, path: string): Promise<void> {
  await ctx.notify(path, step.subject, step.body);
}
