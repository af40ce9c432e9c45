/** What other features may use of accounts (the boundary test allows no deeper import). */
export { type Account, type AccountDetail, accountsApi } from './api';
