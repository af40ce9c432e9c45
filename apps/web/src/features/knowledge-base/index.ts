/** What other features may use of the knowledge base (tickets will suggest and link articles). */
export { kbApi, type KbArticleItem } from './api';
export { safeSnippet } from './composables/kbLogic';
