/** What other features may use of activities (the boundary test allows no deeper import). */
export { default as RecordTimeline } from './components/RecordTimeline.vue';
export { activityColor, activityIcon, recordTimeline } from './composables/timelineEntries';
