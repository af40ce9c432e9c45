import { defineAsyncComponent } from 'vue';
import { registerHomeWidget } from '@/composables/useHomeWidgets';

/** The home dashboard's funnel and revenue cards for those who read analytics (charts load lazily). */
registerHomeWidget({
  id: 'analytics-overview',
  component: defineAsyncComponent(() => import('./components/HomeAnalyticsWidget.vue')),
  permission: { module: 'analytics', action: 'read' },
  order: 3,
  span: 24,
});
