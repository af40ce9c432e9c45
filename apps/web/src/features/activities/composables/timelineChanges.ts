/** The change rendering is shared by every timeline (records, users...): it lives with the timeline component. */
export { describeChange, fieldLabel } from '@/components/timelineChanges';
