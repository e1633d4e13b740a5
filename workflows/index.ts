// Every workflow type the worker runs, registered explicitly.
export { caseImportWorkflow } from './case-import';
export { applicationWorkflow } from './application/workflow';
export { invoiceWorkflow } from './invoice';
export { catalogPublicationWorkflow, catalogChangeWorkflow, catalogFreshnessWorkflow } from './catalog';
