/** What other features may use of SMS (the boundary test allows no deeper import). */
export { default as SmsComposeDialog } from './components/SmsComposeDialog.vue';
export { default as RecordMessageAction } from './components/RecordMessageAction.vue';
