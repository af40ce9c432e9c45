import { defineAsyncComponent } from 'vue';
import { registerHomeWidget } from '@/composables/useHomeWidgets';

registerHomeWidget({
  id: 'my-tasks',
  component: defineAsyncComponent(() => import('./components/MyTasksWidget.vue')),
  permission: { module: 'tasks', action: 'read' },
  order: 1,
  span: 24,
});
