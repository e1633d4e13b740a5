// TypeScript view of the e-service definition DSL. The types are generated from the schema
// (forms/eservice-definition/v1.schema.json → forms/types/eservice-definition.ts): the schema validates every
// definition before it is published, and these types describe what passed it. Each step kind is one branch of the
// schema's `step` oneOf, so `Step` is a union discriminated by `kind`.
export type {
  BranchStep,
  CallSystemStep,
  EServiceDefinition,
  Expression,
  IssueDocumentStep,
  NotifyStep,
  PaymentStep,
  PrefillStep,
  Register,
  RegistryCheckStep,
  SetStatusStep,
  Step,
  TaskOutcome,
  TaskStep,
  Text,
  WaitStep,
} from '../types/eservice-definition';
import type { Step } from '../types/eservice-definition';

/** 'prefill' | 'registryCheck' | …: the names the interpreter's step table is keyed by. */
export type StepKind = Step['kind'];
