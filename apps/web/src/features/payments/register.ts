import { defineAsyncComponent } from 'vue';
import { registerRecordTab } from '@/composables/useRecordTabs';

/** A contract's finance (plan, payments, invoices, balance), as a tab of the contract detail page. */
registerRecordTab({
  entity: 'contract',
  name: 'finance',
  labelKey: 'payments.financeTab',
  component: defineAsyncComponent(() => import('./components/ContractFinanceTab.vue')),
  permission: { module: 'payments', action: 'read' },
  order: 10,
});
