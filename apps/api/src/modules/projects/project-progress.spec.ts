import { projectProgress } from '@keyuan/shared';

describe('projectProgress', () => {
  it.each([
    // tasksDone, tasksTotal, milestonesDone, milestonesTotal → percent
    [0, 0, 0, 0, 0],
    [1, 3, 0, 0, 33],
    [2, 3, 3, 3, 66],
    [3, 3, 0, 2, 100],
    [0, 0, 1, 4, 25],
    [0, 0, 4, 4, 100],
    [0, 5, 4, 4, 0],
  ])('%i/%i tasks, %i/%i milestones → %i%%', (td, tt, md, mt, percent) => {
    expect(projectProgress(td, tt, md, mt)).toEqual({ tasksDone: td, tasksTotal: tt, milestonesDone: md, milestonesTotal: mt, percent });
  });
});
