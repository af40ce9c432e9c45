import { ref } from 'vue';
import { noticesApi } from '../api';

/** Notices the signed-in user has not read: one shared count for the top-bar badge and the page. */
const unread = ref(0);

export async function refreshNoticeCount(): Promise<void> {
  try {
    unread.value = await noticesApi.unreadCount();
  } catch {
    // the badge keeps its last value
  }
}

export function useNoticeCount() {
  return { unread, refresh: refreshNoticeCount };
}
