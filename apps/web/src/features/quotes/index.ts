/** What other features may use of quotes (the boundary test allows no deeper import). */
export { type Quote, type QuoteSummary, quotesApi } from './api';
/** The line editor and the totals preview, shared with contracts (the same lines and formula). */
export { default as LinesEditor, type LineModel } from './components/QuoteLinesEditor.vue';
export { plainDecimal, previewTotals } from './composables/previewTotals';
