import { useI18n } from 'vue-i18n';

/** Names of record fields and their values in the user's language (the raw name when a kind brings a new one). */
export function useFieldLabels() {
  const { t, te } = useI18n();
  return {
    field: (name: string | undefined) => (name && te(`workflows.fields.${name}`) ? t(`workflows.fields.${name}`) : (name ?? '')),
    option: (field: string | undefined, value: unknown) =>
      te(`workflows.options.${field}.${String(value)}`) ? t(`workflows.options.${field}.${String(value)}`) : String(value ?? ''),
  };
}
