/** What other features may use of pools (the boundary test allows no deeper import). */
export { claimLimitOf, type Pool, poolsApi } from './api';
export { default as ReleaseDialog } from './components/ReleaseDialog.vue';
export { useClaim } from './composables/useClaim';
