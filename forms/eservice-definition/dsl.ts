// TypeScript view of the e-service definition DSL (forms/eservice-definition/v1.schema.json). The schema is the
// contract and validates every definition before it is published; these types only describe what passed it.

export interface Text {
  lv: string;
  en: string;
}
export type Expression = unknown; // JSONLogic
export type RegisterRole = 'population-register' | 'address-register' | 'enterprise-register';

interface StepBase {
  id: string;
  title?: Text;
}
interface RegisterCall {
  register: RegisterRole;
  operation: string;
  input?: Record<string, Expression>;
}

export interface PrefillStep extends StepBase, RegisterCall {
  kind: 'prefill';
  set: Record<string, string>;
}
export interface RegistryCheckStep extends StepBase, RegisterCall {
  kind: 'registryCheck';
  condition: Expression;
  failMessage: Text;
  onFail?: 'reject' | 'requestInfo';
}
export interface BranchStep extends StepBase {
  kind: 'branch';
  if: Expression;
  then: Step[];
  else?: Step[];
}
export interface TaskStep extends StepBase {
  kind: 'task';
  title: Text;
  instructions?: Text;
  dueIn: string;
  outcomes: TaskOutcome[];
  rejectEnds?: boolean;
}
export interface CallSystemStep extends StepBase, RegisterCall {
  kind: 'callSystem';
}
export interface PaymentStep extends StepBase {
  kind: 'payment';
  amountEur: Expression;
  description: Text;
  expiresIn: string;
}
export interface IssueDocumentStep extends StepBase {
  kind: 'issueDocument';
  documentType: string;
  documentTitle: Text;
  body: Text;
}
export interface NotifyStep extends StepBase {
  kind: 'notify';
  subject: Text;
  body: Text;
}
export interface SetStatusStep extends StepBase {
  kind: 'setStatus';
  status: 'in_progress' | 'answered' | 'licence_issued' | 'rejected' | 'completed';
  label?: Text;
}
export interface WaitStep extends StepBase {
  kind: 'wait';
  duration: string;
}

export type Step =
  | PrefillStep
  | RegistryCheckStep
  | BranchStep
  | TaskStep
  | CallSystemStep
  | PaymentStep
  | IssueDocumentStep
  | NotifyStep
  | SetStatusStep
  | WaitStep;

export type TaskOutcome = 'approve' | 'reject' | 'requestInfo';

export interface EServiceDefinition {
  dslVersion: 1;
  id: string;
  serviceId: string;
  title: Text;
  description?: Text;
  form: { schema: Record<string, unknown>; uiSchema?: Record<string, unknown> };
  draft?: { ttl?: string; reminderBefore?: string };
  prefill?: PrefillStep[];
  steps: Step[];
}
