import { ref } from 'vue';
import { approvalsApi } from '../api';

/** How many approvals wait for the signed-in user: one shared count for the top-bar badge and the pages. */
const pending = ref(0);

export async function refreshApprovalCount(): Promise<void> {
  try {
    pending.value = (await approvalsApi.counts()).pending;
  } catch {
    // the badge keeps its last value
  }
}

export function useApprovalCount() {
  return { pending, refresh: refreshApprovalCount };
}
