// One language's messages as one lazily loaded chunk: every `<feature>.json` of this folder becomes
// the `<feature>` namespace (see app/i18n.ts loadLocale).
import { messagesOf } from '@/app/messages';

export default messagesOf(import.meta.glob<{ default: Record<string, unknown> }>('./*.json', { eager: true }));
