/** Tag colours of the quote statuses. */
export function statusTagType(status: string): 'info' | 'warning' | 'success' | 'danger' | 'primary' {
  if (status === 'pending_approval') return 'warning';
  if (status === 'approved' || status === 'accepted') return 'success';
  if (status === 'rejected' || status === 'declined') return 'danger';
  if (status === 'sent') return 'primary';
  return 'info';
}
