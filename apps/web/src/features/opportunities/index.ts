import { defineAsyncComponent } from 'vue';

/** What other features may use of opportunities (the boundary test allows no deeper import). */
export { type Opportunity, type Pipeline, type Stage, pipelinesApi } from './api';
export { stageName } from './composables/opportunityOptions';
export type { ConvertOpportunityValues } from './composables/opportunityOptions';
/** The optional opportunity of a lead conversion, loaded when shown. */
export const ConvertOpportunityFields = defineAsyncComponent(() => import('./components/ConvertOpportunityFields.vue'));
