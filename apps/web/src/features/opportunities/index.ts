/** What other features may use of opportunities (the boundary test allows no deeper import). */
export { type Opportunity, type Pipeline, type Stage, opportunitiesApi, pipelinesApi } from './api';
export { type ConvertOpportunityValues, stageName } from './composables/opportunityOptions';
/** The optional opportunity of a lead conversion (import this file lazily: it keeps the feature's chunk off the leads page). */
export { default as ConvertOpportunityFields } from './components/ConvertOpportunityFields.vue';
