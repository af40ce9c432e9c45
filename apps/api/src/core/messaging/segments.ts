// The part counter lives in libs/shared so the SPA's live counter and the API count alike.
export { countSegments, type SegmentCount, type SmsEncoding } from '@keyuan/shared';
