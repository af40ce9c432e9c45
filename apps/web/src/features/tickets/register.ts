import { defineAsyncComponent } from 'vue';
import { registerHomeWidget } from '@/composables/useHomeWidgets';

registerHomeWidget({
  id: 'my-visits-due',
  component: defineAsyncComponent(() => import('./components/MyVisitsDueWidget.vue')),
  permission: { module: 'tickets', action: 'read' },
  order: 20,
  span: 12,
});
