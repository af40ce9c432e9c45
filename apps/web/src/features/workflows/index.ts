/** What other features may use of workflow rules (the boundary test allows no deeper import). */
export { workflowRoutes } from './routes';
