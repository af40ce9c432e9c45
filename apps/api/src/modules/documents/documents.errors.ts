export enum DocumentErrorCode {
  /** A name with a slash, a backslash or a control character. */
  DOCUMENT_NAME_INVALID = 'DOCUMENT_NAME_INVALID',
  /** The parent is not a folder you can see (or is a file). */
  DOCUMENT_PARENT_INVALID = 'DOCUMENT_PARENT_INVALID',
  /** A folder cannot move into itself or below itself. */
  DOCUMENT_MOVE_CYCLE = 'DOCUMENT_MOVE_CYCLE',
  /** Sharing with users, departments or roles names none. */
  DOCUMENT_SHARE_EMPTY = 'DOCUMENT_SHARE_EMPTY',
  /** Versions belong to files, not folders. */
  DOCUMENT_NOT_A_FILE = 'DOCUMENT_NOT_A_FILE',
  /** The record type cannot carry documents. */
  DOCUMENT_RECORD_TYPE = 'DOCUMENT_RECORD_TYPE',
  /** Only items in the trash can be restored from it or purged. */
  DOCUMENT_NOT_IN_TRASH = 'DOCUMENT_NOT_IN_TRASH',
}
