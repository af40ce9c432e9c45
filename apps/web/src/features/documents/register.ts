import { defineAsyncComponent, defineComponent, h } from 'vue';
import { registerRecordTab } from '@/composables/useRecordTabs';

const RecordDocuments = defineAsyncComponent(() => import('./components/RecordDocuments.vue'));

/** A record's linked documents as a tab of the account and contract detail pages (they render registered tabs). */
for (const entity of ['account', 'contract'] as const) {
  registerRecordTab({
    entity,
    name: 'documents',
    labelKey: 'documents.record.title',
    component: defineComponent({
      name: `${entity}-documents-tab`,
      props: { recordId: { type: String, required: true } },
      setup: (props) => () => h(RecordDocuments, { recordType: entity, recordId: props.recordId }),
    }),
    permission: { module: 'documents', action: 'read' },
    order: 90,
  });
}
