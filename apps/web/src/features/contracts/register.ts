import { defineAsyncComponent } from 'vue';
import { registerRecordTab } from '@/composables/useRecordTabs';

/** An account's contracts, as a tab of the account detail page. */
registerRecordTab({
  entity: 'account',
  name: 'contracts',
  labelKey: 'contracts.title',
  component: defineAsyncComponent(() => import('./components/AccountContractsTab.vue')),
  permission: { module: 'contracts', action: 'read' },
  order: 40,
});
