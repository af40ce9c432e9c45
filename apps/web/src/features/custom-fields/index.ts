/** The custom-fields feature's public face for other features: form inputs and detail values of a kind's fields. */
export { default as CustomFieldInputs } from './components/CustomFieldInputs.vue';
export { default as CustomFieldValues } from './components/CustomFieldValues.vue';
export { customFieldsApi, type CustomField } from './api';
export { customColumns } from './columns';
export { displayValue, labelOf } from './label';
export { default as CustomFieldDialog } from './components/CustomFieldDialog.vue';
export type { CustomFieldKind } from './api';
