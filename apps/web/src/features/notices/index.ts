/** What the app shell may use of notices (the boundary test allows no deeper import). */
export { default as NoticesBadge } from './components/NoticesBadge.vue';
