/** What other features may use of documents (the boundary test allows no deeper import). */
export { default as RecordDocuments } from './components/RecordDocuments.vue';
