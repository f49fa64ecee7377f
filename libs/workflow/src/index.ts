/**
 * @huiqi/workflow — the approval state machines of Huiqi (XState v5), their events, guards and effects,
 * and a working-day calendar. Pure TypeScript: no Nest, no database, no I/O. The API stores a
 * `PersistedWorkflow` per application and moves it on with `applyWorkflowEvent`; see README.md.
 */
export {
  WORKFLOW_MODES,
  WORKFLOW_STATES,
  FINAL_STATES,
  isFinal,
  isWorkflowMode,
  isWorkflowState,
  type Actor,
  type FieldIssue,
  type FinalState,
  type PersistedWorkflow,
  type WorkflowMode,
  type WorkflowParams,
  type WorkflowState,
} from './types';
export { CorruptSnapshotError, WorkflowInputError } from './errors';
export { describeMissingFacts, isMissingFact, type MissingFact } from './missing-facts';
export {
  MAX_PUBLICITY_WORKING_DAYS,
  currentAmountFen,
  validateParams,
  type Decision,
  type ExpertScore,
  type Objection,
  type ScreeningOutcome,
  type VerificationStatus,
  type WorkflowContext,
  type WorkflowInput,
} from './context';
export {
  ACTION_TYPES,
  EVENT_TYPES,
  SYSTEM_EVENT_TYPES,
  commentOf,
  fromActionType,
  isWorkflowEventType,
  parseActionRequest,
  toActionType,
  validateEvent,
  type ActionType,
  type EventValidation,
  type WorkflowEvent,
  type WorkflowEventType,
} from './events';
export {
  AUDIENCES,
  DEADLINE_STAGES,
  EFFECT_TYPES,
  NOTIFICATION_TEMPLATES,
  SLA_KEYS,
  type Audience,
  type BlacklistReason,
  type DeadlineExpiry,
  type DeadlineStage,
  type Effect,
  type EffectType,
  type NotificationTemplate,
  type SlaKey,
} from './effects';
export type { Condition, Policy, Requirement, TransitionRule } from './guards';
export {
  acceptedEventTypes,
  acceptedEventsFor,
  applyWorkflowEvent,
  contextOf,
  createWorkflow,
  startWorkflow,
  stateOf,
  type Accepted,
  type ActionContext,
  type Rejected,
  type StartedWorkflow,
  type WorkflowResult,
} from './workflow';
export { CURRENT_MACHINE_VERSION, MACHINE_VERSIONS, getMachine, type MachineVersion } from './versions';
export {
  addWorkingDays,
  endOfShanghaiDay,
  isWorkingDay,
  shanghaiDate,
  validateCalendar,
  workingDaysBetween,
  type WorkingCalendar,
} from './calendar';
export { CN_CALENDAR_2025_2026, DEFAULT_WORKING_CALENDAR } from './calendar-cn';
export { checkObjectionAnswer, type ObjectionAnswerCheck } from './objection-answer';
