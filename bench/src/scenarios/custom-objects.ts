import { apiPath, read, Scenario } from './types';

/**
 * Custom modules (issue 18): the module's list as a rep (own scope) and a manager (department) open it,
 * newest first, and filtered by a custom select sorted by a custom date (the per-field partial indexes).
 * The floor replays the same SQL.
 */
export const customObjectScenarios: Scenario[] = [
  read('custom module: bench_visit list, -createdAt, first page', async () => [{ path: apiPath('/records/bench_visit', { sort: '-createdAt', limit: 50 }) }], ['manager', 'rep']),
  read(
    'custom module: visitType = onsite, by visitDate',
    async () => [{ path: apiPath('/records/bench_visit', { 'custom.visitType': 'onsite', sort: '-custom.visitDate', limit: 50 }) }],
    ['manager', 'rep'],
  ),
];
