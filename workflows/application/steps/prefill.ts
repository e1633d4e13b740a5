// Prefill (before the draft is shown): a register call whose answer fills form fields.
import type { PrefillStep } from '../../../forms/eservice-definition/dsl';
import { getPath, setPointer } from '../../../forms/eservice-definition/expressions';
import type { RunContext } from '../run-context';

export async function runPrefill(ctx: RunContext, step: PrefillStep, path: string): Promise<void> {
  const { state } = ctx;
  const result = await ctx.callRegister(path, step);
  for (const [pointer, source] of Object.entries(step.set)) {
    if (source === undefined) continue; // the generated map type allows it; JSON never has it
    const value = getPath(result, source);
    if (value !== undefined && value !== null) state.form = setPointer(state.form, pointer, value);
  }
  state.steps[step.id] = { result };
}
