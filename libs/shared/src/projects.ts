/** Projects (我的项目): statuses shared by the API (validation) and the web client (labels, filters). */
export const PROJECT_STATUSES = ['planning', 'active', 'on_hold', 'completed', 'cancelled'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/** Progress of a project: tasks done of the tasks that count (cancelled ones do not) and milestones reached. */
export interface ProjectProgress {
  tasksDone: number;
  tasksTotal: number;
  milestonesDone: number;
  milestonesTotal: number;
  /** 0..100, from the tasks; from the milestones when the project has no task; 0 with neither. */
  percent: number;
}

/** The progress rule, one place for the API and the web client. */
export function projectProgress(tasksDone: number, tasksTotal: number, milestonesDone: number, milestonesTotal: number): ProjectProgress {
  const percent = tasksTotal > 0 ? Math.floor((tasksDone * 100) / tasksTotal) : milestonesTotal > 0 ? Math.floor((milestonesDone * 100) / milestonesTotal) : 0;
  return { tasksDone, tasksTotal, milestonesDone, milestonesTotal, percent };
}
