/** What other features may use of contacts (the boundary test allows no deeper import). */
export { type Contact, contactsApi } from './api';
export { default as ContactFormDialog } from './components/ContactFormDialog.vue';
export { optOutsOf } from './composables/contactOptions';
