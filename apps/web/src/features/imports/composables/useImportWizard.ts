import { computed, ref, shallowRef } from 'vue';
import { usePolling } from '@/composables/usePolling';
import { type ImportJob, importsApi } from '../api';
import { describeImportError } from './importCodes';
import {
  afterUpload,
  blocking,
  canEnter,
  initialWizard,
  isSettled,
  mappingProblems,
  onJobUpdate,
  startBody,
  type WizardState,
  type WizardStep,
  withSettings,
} from './importWizard';

/** The import wizard: the pure state machine of importWizard.ts plus the calls and the polling. */
export function useImportWizard(pollInterval = 1000) {
  const state = shallowRef<WizardState>(initialWizard());
  const busy = ref(false);
  const error = ref<string | null>(null);
  const polling = usePolling();

  const fields = computed(() => state.value.job?.fields ?? []);
  const problems = computed(() => mappingProblems(state.value, fields.value));
  const canRun = computed(() => blocking(problems.value).length === 0);

  const set = (patch: Partial<WizardState>) => (state.value = { ...state.value, ...patch });

  async function act(action: () => Promise<void>) {
    busy.value = true;
    error.value = null;
    try {
      await action();
    } catch (err) {
      error.value = describeImportError(err);
    } finally {
      busy.value = false;
    }
  }

  /** Polls the import until its job settles, feeding each answer to the state machine. */
  async function follow(job: ImportJob) {
    state.value = onJobUpdate(state.value, job);
    if (isSettled(job.status)) return;
    await polling.poll(() => importsApi.get(job.id), {
      interval: pollInterval,
      done: (j) => isSettled(j.status),
      onUpdate: (j) => (state.value = onJobUpdate(state.value, j)),
    });
  }

  const upload = () =>
    act(async () => {
      const { file, entityType, encoding } = state.value;
      if (!file) return;
      state.value = afterUpload(state.value, await importsApi.upload(file, entityType, encoding));
    });

  const dryRun = () =>
    act(async () => {
      const job = state.value.job;
      if (!job) return;
      set({ dryRun: null });
      await follow(await importsApi.start(job.id, startBody(state.value, true)));
    });

  const run = () =>
    act(async () => {
      const job = state.value.job;
      if (!job || !canRun.value) return;
      set({ step: 'run' });
      try {
        await follow(await importsApi.start(job.id, startBody(state.value, false)));
      } catch (err) {
        set({ step: 'options' });
        throw err;
      }
    });

  const revert = () =>
    act(async () => {
      const job = state.value.job;
      if (job) await follow(await importsApi.revert(job.id));
    });

  /** Deletes the current import with its file and starts over. */
  const remove = () =>
    act(async () => {
      const job = state.value.job;
      if (!job) return;
      await importsApi.remove(job.id);
      reset();
    });

  const downloadErrors = (job: ImportJob | null = state.value.job) => (job ? act(() => importsApi.downloadErrors(job)) : Promise.resolve());

  function goTo(step: WizardStep) {
    if (canEnter(state.value, step)) set({ step });
  }

  function update(patch: Partial<Pick<WizardState, 'mapping' | 'duplicatePolicy' | 'upsertKey'>>) {
    state.value = withSettings(state.value, patch);
  }

  function reset() {
    polling.stop();
    error.value = null;
    state.value = initialWizard();
  }

  return { state, busy, error, fields, problems, canRun, polling: polling.active, set, update, goTo, upload, dryRun, run, revert, remove, downloadErrors, reset };
}
