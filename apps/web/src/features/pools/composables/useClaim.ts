import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { describeError } from '@/composables/describeError';
import { claimLimitOf } from '../api';

/** Claims a record from a pool; over the pool's limit the user is told how many they hold. */
export function useClaim() {
  const { t } = useI18n();
  const claiming = ref<string | null>(null);

  async function claim(id: string, action: () => Promise<unknown>): Promise<boolean> {
    claiming.value = id;
    try {
      await action();
      ElMessage.success(t('pools.claimed'));
      return true;
    } catch (err) {
      const limit = claimLimitOf(err);
      if (limit) {
        await ElMessageBox.alert(t('pools.limitReached', limit), t('pools.limitTitle'), { type: 'warning' }).catch(() => undefined);
      } else {
        ElMessage.error(describeError(err));
      }
      return false;
    } finally {
      claiming.value = null;
    }
  }

  return { claim, claiming };
}
