/** What other features may use of analytics (the boundary test allows no deeper import). */
export { analyticsApi } from './api';
