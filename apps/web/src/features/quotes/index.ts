/** What other features may use of quotes (the boundary test allows no deeper import). */
export { type Quote, type QuoteSummary, quotesApi } from './api';
