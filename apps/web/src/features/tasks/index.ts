/** What other features may use of tasks (the boundary test allows no deeper import). */
export { default as TaskFormDialog } from './components/TaskFormDialog.vue';
