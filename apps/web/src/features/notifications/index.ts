/** What the app shell and other features may use of notifications (the boundary test allows no deeper import). */
export { type AppNotification, notificationsApi, notificationTarget } from './api';
export { notificationText } from './notificationText';
