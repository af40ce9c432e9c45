import { defineAsyncComponent } from 'vue';
import { registerRecordTab } from '@/composables/useRecordTabs';

/** The mail of a contact, lead or account by thread, with "write email" (the compose dialog), as a tab of its detail page. */
for (const [entity, order] of [['contact', 20], ['lead', 20], ['account', 30]] as const) {
  registerRecordTab({
    entity,
    name: 'email',
    labelKey: 'email.tab.title',
    component: defineAsyncComponent(() => import('./components/EmailRecordTab.vue')),
    permission: { module: 'email', action: 'read' },
    order,
  });
}
