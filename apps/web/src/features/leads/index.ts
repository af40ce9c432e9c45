/** What other features may use of leads (the boundary test allows no deeper import). */
export { type Lead, leadsApi } from './api';
