// Every workflow type the worker runs, registered explicitly.
export { caseImportWorkflow } from './case-import/workflow';
export { applicationWorkflow } from './application/workflow';
export { invoiceWorkflow } from './invoice/workflow';
export { maintainCasePartitions } from './case-partitions/workflow';
export { catalogPublicationWorkflow, catalogChangeWorkflow, catalogFreshnessWorkflow } from './catalog/workflow';
