// A durable wait (a timer in the workflow's history).
import { sleep } from '@temporalio/workflow';
import type { Duration } from '@temporalio/common';
import type { WaitStep } from '../../../forms/eservice-definition/dsl';
import type { RunContext } from '../run-context';

export async function runWait(_ctx: RunContext, step: WaitStep, _path: string): Promise<void> {
  await sleep(step.duration as Duration);
}
