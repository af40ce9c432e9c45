import type { EmailAttachmentRef, EmailRecordType, EmailStatus } from './dto/email.dto';

/** A row of email_messages as the module reads it. */
export interface EmailMessageRow {
  id: string;
  direction: 'outbound' | 'inbound';
  status: EmailStatus | 'sending';
  account_id: string | null;
  from_address: string;
  from_name: string | null;
  to_addresses: string[];
  cc_addresses: string[];
  bcc_addresses: string[];
  subject: string;
  body_text: string | null;
  body_html: string | null;
  message_id: string;
  in_reply_to: string | null;
  references_ids: string[];
  thread_id: string | null;
  parent_id: string | null;
  template_id: string | null;
  broadcast_id: string | null;
  extra_headers: Record<string, string> | null;
  opened_at: Date | null;
  open_count: number;
  click_count: number;
  record_type: EmailRecordType | null;
  record_id: string | null;
  owner_id: string | null;
  department_id: string | null;
  attachments: EmailAttachmentRef[];
  scheduled_at: Date | null;
  next_attempt_at: Date | null;
  attempts: number;
  sent_at: Date | null;
  received_at: Date | null;
  error_code: string | null;
  error_message: string | null;
  is_bounce: boolean;
  /** The ticket this mail opened or answered (service mailbox), or its thread's. */
  ticket_id: string | null;
  created_by: string | null;
  created_by_name: string | null;
  created_at: Date;
}
