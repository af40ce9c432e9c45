/** What other features may use of currencies (the boundary test allows no deeper import). */
export { invalidateEnabledCurrencies, useEnabledCurrencies } from './composables/enabledCurrencies';
