/** What other features may use of finance (the boundary test allows no deeper import). */
export { type ContractFinance, paymentsApi } from './api';
