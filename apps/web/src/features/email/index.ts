/** What other features may use of email (the boundary test allows no deeper import). */
export { default as EmailComposeDialog } from './components/EmailComposeDialog.vue';
