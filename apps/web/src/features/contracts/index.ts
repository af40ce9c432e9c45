/** What other features may use of contracts (the boundary test allows no deeper import). */
export { type Contract, type ContractSummary, contractsApi } from './api';
