// Reading workflow histories for the e-service benchmark: the activity shape of one interpreter application (which
// the bare workflow copies) and, with --detail, where the time of a run went (per activity type and per workflow task).
import type { History } from '@temporalio/common/lib/proto-utils';
import { tsToMs } from '@temporalio/common/lib/time';
import type { BareShape } from './bare-workflow';
import { claimTaskUpdate, completeTaskUpdate, submitUpdate } from '../../workflows/application/api';

type HistoryEvent = NonNullable<History['events']>[number];
const eventId = (e: HistoryEvent) => Number(e.eventId ?? 0);
const atMs = (e: HistoryEvent) => tsToMs(e.eventTime);

/**
 * Activities per phase, cut where the submit, claim and decision updates arrive. An update's answer waits for the
 * activities that completed between its arrival and its answer (submitAck, completeAck); the rest of that segment runs
 * after the answer (toTask, tail).
 */
export function shapeFromHistory(history: History): BareShape {
  const updateName = new Map<number, string>(); // accepted event id → update name
  const scheduledIn = new Map<number, string>(); // scheduled event id → segment
  const scheduled: Record<string, number> = { pre: 0, submit: 0, claim: 0, complete: 0 };
  const acked: Record<string, number> = { submit: 0, complete: 0 };
  let segment = 'pre';
  let acking: string | null = null;
  for (const e of history.events ?? []) {
    const accepted = e.workflowExecutionUpdateAcceptedEventAttributes;
    const answered = e.workflowExecutionUpdateCompletedEventAttributes;
    const done = e.activityTaskCompletedEventAttributes;
    if (accepted) {
      const name = accepted.acceptedRequest?.input?.name ?? '';
      updateName.set(eventId(e), name);
      const next = (
        { [submitUpdate.name]: 'submit', [claimTaskUpdate.name]: 'claim', [completeTaskUpdate.name]: 'complete' } as Record<string, string>
      )[name];
      if (next) segment = next;
      if (next === 'submit' || next === 'complete') acking = next;
    } else if (answered) {
      if (
        updateName.get(Number(answered.acceptedEventId ?? 0)) ===
        (acking === 'complete' ? completeTaskUpdate.name : acking === 'submit' ? submitUpdate.name : null)
      )
        acking = null;
    } else if (e.activityTaskScheduledEventAttributes) {
      scheduled[segment] += 1;
      scheduledIn.set(eventId(e), segment);
    } else if (done && acking && scheduledIn.get(Number(done.scheduledEventId ?? 0)) === acking) {
      acked[acking] += 1;
    }
  }
  const shape: BareShape = {
    pre: scheduled.pre,
    submitAck: acked.submit,
    toTask: scheduled.submit - acked.submit,
    claim: scheduled.claim,
    completeAck: acked.complete,
    tail: scheduled.complete - acked.complete,
  };
  if (shape.toTask < 1)
    throw new Error(`unexpected interpreter history: no activity between submit and the task (${JSON.stringify(shape)})`);
  return shape;
}

export const shapeTotal = (s: BareShape) => s.pre + s.submitAck + s.toTask + s.claim + s.completeAck + s.tail;

export function countActivities(history: History): number {
  return (history.events ?? []).filter((e) => e.activityTaskScheduledEventAttributes).length;
}

interface Samples {
  queue: number[];
  run: number[];
}
export interface Breakdown {
  histories: number;
  events: number;
  /** Size of the histories as JSON (payloads base64), a rough measure of what the server stores and sends. */
  jsonBytes: number;
  workflowTasks: number;
  activities: Map<string, Samples>;
  workflowTask: Samples;
}

export function newBreakdown(): Breakdown {
  return { histories: 0, events: 0, jsonBytes: 0, workflowTasks: 0, activities: new Map(), workflowTask: { queue: [], run: [] } };
}

/** Adds one history: activity queue time (scheduled → started) and run time (started → completed), and the same for workflow tasks. */
export function addToBreakdown(b: Breakdown, history: History, fromMs = 0): void {
  const events = history.events ?? [];
  const byId = new Map(events.map((e) => [eventId(e), e]));
  b.histories += 1;
  b.events += events.length;
  b.jsonBytes += JSON.stringify(events).length;
  for (const e of events) {
    const done = e.activityTaskCompletedEventAttributes;
    if (done) {
      const scheduled = byId.get(Number(done.scheduledEventId ?? 0));
      const started = byId.get(Number(done.startedEventId ?? 0));
      if (!scheduled || !started || atMs(scheduled) < fromMs) continue;
      const type = scheduled.activityTaskScheduledEventAttributes?.activityType?.name ?? '?';
      const s = b.activities.get(type) ?? { queue: [], run: [] };
      s.queue.push(atMs(started) - atMs(scheduled));
      s.run.push(atMs(e) - atMs(started));
      b.activities.set(type, s);
    }
    const wft = e.workflowTaskCompletedEventAttributes;
    if (wft) {
      b.workflowTasks += 1;
      const scheduled = byId.get(Number(wft.scheduledEventId ?? 0));
      const started = byId.get(Number(wft.startedEventId ?? 0));
      if (!scheduled || !started || atMs(scheduled) < fromMs) continue;
      b.workflowTask.queue.push(atMs(started) - atMs(scheduled));
      b.workflowTask.run.push(atMs(e) - atMs(started));
    }
  }
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / (xs.length || 1);
const ms = (x: number) => `${x.toFixed(1)}`.padStart(7);

/** Table lines: per activity type and for workflow tasks, mean and p95 of queue and run time in ms. */
export function formatBreakdown(label: string, b: Breakdown): string[] {
  const lines = [
    `${label}: ${b.histories} histories, ${(b.events / b.histories).toFixed(1)} events and ${(b.workflowTasks / b.histories).toFixed(1)} workflow tasks and ${(b.jsonBytes / b.histories / 1024).toFixed(1)} KB (JSON) each`,
    `  ${'ms per call'.padEnd(26)}${'calls'.padStart(7)}${'queue'.padStart(8)}${'q p95'.padStart(8)}${'run'.padStart(8)}${'run p95'.padStart(8)}`,
  ];
  const row = (name: string, s: Samples) =>
    `  ${name.padEnd(26)}${String(s.run.length).padStart(7)} ${ms(mean(s.queue))} ${ms(percentile(s.queue, 95))} ${ms(mean(s.run))} ${ms(percentile(s.run, 95))}`;
  const types = [...b.activities.entries()].sort((x, y) => mean(y[1].run) * y[1].run.length - mean(x[1].run) * x[1].run.length);
  for (const [type, s] of types) lines.push(row(type, s));
  lines.push(row('(workflow task)', b.workflowTask));
  const activityRun = types.reduce((a, [, s]) => a + s.run.reduce((x, y) => x + y, 0), 0);
  lines.push(
    `  activity run time per application: ${(activityRun / b.histories).toFixed(1)} ms; workflow task run time per application: ${(b.workflowTask.run.reduce((x, y) => x + y, 0) / b.histories).toFixed(1)} ms`,
  );
  return lines;
}
