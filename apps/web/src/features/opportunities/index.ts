/** What other features may use of opportunities (the boundary test allows no deeper import). */
export { type Opportunity, type Pipeline, type Stage, pipelinesApi } from './api';
export { stageName } from './composables/opportunityOptions';
