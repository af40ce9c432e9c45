export enum TaskErrorCode {
  TASK_INVALID_RANGE = 'TASK_INVALID_RANGE',
  RELATED_ACCOUNT_MISMATCH = 'RELATED_ACCOUNT_MISMATCH',
  /** `projectId` is not a project you can see. */
  TASK_UNKNOWN_PROJECT = 'TASK_UNKNOWN_PROJECT',
}
