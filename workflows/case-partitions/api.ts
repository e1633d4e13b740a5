// The case register's partition maintenance as the API sees it: the schedule's id, the workflow's name and its input.
// The names are in running workflows' histories: they never change.

/** The Temporal Schedule that makes the register's quarters ahead, daily, and the id its runs start from. */
export const CASE_PARTITIONS_SCHEDULE_ID = 'case-register-partitions';
export const CASE_PARTITIONS_RUN_ID = 'case-register-partitions-run';
/** The workflow type the worker registers (workflows/index.ts exports a function of this name). */
export const CASE_PARTITIONS_WORKFLOW = 'maintainCasePartitions';

export interface CasePartitionsInput {
  /** How many quarters after the current one must exist. */
  ahead: number;
}

export interface CasePartitionsResult {
  created: string[];
  existing: string[];
}
