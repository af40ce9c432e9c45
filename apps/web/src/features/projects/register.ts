import { defineAsyncComponent, defineComponent, h } from 'vue';
import { registerRecordTab } from '@/composables/useRecordTabs';

const RecordProjectsTab = defineAsyncComponent(() => import('./components/RecordProjectsTab.vue'));

/** An account's and a contract's projects, as a tab of their detail pages. */
for (const entity of ['account', 'contract'] as const) {
  const component = defineComponent({
    name: `${entity}-projects-tab`,
    props: { recordId: { type: String, required: true } },
    setup: (props) => () => h(RecordProjectsTab, { recordId: props.recordId, entity }),
  });
  registerRecordTab({ entity, name: 'projects', labelKey: 'projects.title', component, permission: { module: 'projects', action: 'read' }, order: 45 });
}
