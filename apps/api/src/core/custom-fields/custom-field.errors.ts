/** Stable codes of custom field errors (mapped to HTTP where thrown; worded in core/i18n). */
export enum CustomFieldErrorCode {
  /** A value does not fit its field's type (400, field `custom.<key>`). */
  CUSTOM_FIELD_INVALID = 'CUSTOM_FIELD_INVALID',
  /** A required field is missing or emptied (400, field `custom.<key>`). */
  CUSTOM_FIELD_REQUIRED = 'CUSTOM_FIELD_REQUIRED',
  /** A key that is no (live) field of the kind (400, field `custom.<key>`). */
  CUSTOM_FIELD_UNKNOWN = 'CUSTOM_FIELD_UNKNOWN',
  /** A chosen option that does not exist or is retired (400, field `custom.<key>`). */
  CUSTOM_FIELD_OPTION = 'CUSTOM_FIELD_OPTION',
  /** Another record already holds this value of a unique field (409, field `custom.<key>`). */
  CUSTOM_FIELD_NOT_UNIQUE = 'CUSTOM_FIELD_NOT_UNIQUE',
  /** The kind already has this key (also a deleted field not yet purged) (409). */
  CUSTOM_FIELD_KEY_TAKEN = 'CUSTOM_FIELD_KEY_TAKEN',
  /** 200 fields per kind (422). */
  CUSTOM_FIELD_LIMIT = 'CUSTOM_FIELD_LIMIT',
  /** Existing values do not convert to the new type (422 with a sample). */
  CUSTOM_FIELD_TYPE_CHANGE = 'CUSTOM_FIELD_TYPE_CHANGE',
  /** Existing values repeat, so the field cannot become unique (422 with a sample). */
  CUSTOM_FIELD_VALUES_NOT_UNIQUE = 'CUSTOM_FIELD_VALUES_NOT_UNIQUE',
  /** Only a deleted field can be purged (409). */
  CUSTOM_FIELD_NOT_DELETED = 'CUSTOM_FIELD_NOT_DELETED',
  /** The record kind takes no custom fields (400). */
  CUSTOM_FIELD_KIND = 'CUSTOM_FIELD_KIND',
  /** A filter or sort on a custom field that the field's type does not allow, or a bad filter value (400). */
  CUSTOM_FIELD_FILTER = 'CUSTOM_FIELD_FILTER',
  /** A `user` value that is no active user (400, field `custom.<key>`). */
  CUSTOM_FIELD_USER_NOT_FOUND = 'CUSTOM_FIELD_USER_NOT_FOUND',
  /** A `reference` value that is no live record of its kind readable by the writer (400, field `custom.<key>`). */
  CUSTOM_FIELD_REFERENCE_NOT_FOUND = 'CUSTOM_FIELD_REFERENCE_NOT_FOUND',
}
