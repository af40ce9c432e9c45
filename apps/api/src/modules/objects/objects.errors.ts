/** Stable codes of custom module errors (worded in core/i18n, rendered by the SPA). */
export enum ObjectErrorCode {
  /** At most 50 custom modules (422, `limit`). */
  OBJECT_LIMIT = 'OBJECT_LIMIT',
  /** The key is taken (also by a deleted module) or names a built-in record type (409). */
  OBJECT_KEY_TAKEN = 'OBJECT_KEY_TAKEN',
  /** A field definition given with the module is invalid (400, field `fields[i].<name>`). */
  OBJECT_FIELD_INVALID = 'OBJECT_FIELD_INVALID',
  /** The field belongs to another module (404). */
  OBJECT_FIELD_NOT_FOUND = 'OBJECT_FIELD_NOT_FOUND',
  /** The owner given is not an active user, or is outside the actor's scope (400 / 403). */
  OBJECT_OWNER_INVALID = 'OBJECT_OWNER_INVALID',
}
