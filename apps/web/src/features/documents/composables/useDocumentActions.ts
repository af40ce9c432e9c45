import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { describeError } from '@/composables/describeError';
import { type DocumentItem, documentsApi } from '../api';

/**
 * The actions on one item shared by the Documents page and a record's documents: a busy key, messages in
 * the user's language, confirmations; each resolves true when something changed.
 */
export function useDocumentActions() {
  const { t } = useI18n();
  const busy = ref<string | null>(null);

  async function run(key: string, work: () => Promise<unknown>, done?: string): Promise<boolean> {
    busy.value = key;
    try {
      await work();
      if (done) ElMessage.success(t(done));
      return true;
    } catch (e) {
      ElMessage.error(describeError(e));
      return false;
    } finally {
      busy.value = null;
    }
  }

  async function confirm(text: string): Promise<boolean> {
    try {
      await ElMessageBox.confirm(text, { type: 'warning' });
      return true;
    } catch {
      return false;
    }
  }

  return {
    busy,
    run,
    download: (d: DocumentItem) => run(`dl-${d.id}`, () => documentsApi.download(d.id, d.name)),
    async remove(d: DocumentItem): Promise<boolean> {
      return (await confirm(t('documents.confirmDelete', { name: d.name }))) && run(`rm-${d.id}`, () => documentsApi.remove(d.id), 'documents.deleted');
    },
    async rename(d: DocumentItem): Promise<boolean> {
      let name: string;
      try {
        name = (await ElMessageBox.prompt(t('documents.fields.name'), t('documents.actions.rename'), { inputValue: d.name, inputPattern: /\S/ })).value.trim();
      } catch {
        return false;
      }
      if (!name || name === d.name) return false;
      return run(`mv-${d.id}`, () => documentsApi.rename(d.id, name, d.version), 'documents.renamed');
    },
    async purge(d: DocumentItem): Promise<boolean> {
      return (await confirm(t('documents.confirmPurge', { name: d.name }))) && run(`purge-${d.id}`, () => documentsApi.purge(d.id), 'documents.purged');
    },
    restore: (d: DocumentItem) => run(`restore-${d.id}`, () => documentsApi.restore(d.id), 'documents.restored'),
  };
}
