/** What other features may use of projects (the boundary test allows no deeper import). */
export { type Project, type ProjectSummary, projectsApi } from './api';
