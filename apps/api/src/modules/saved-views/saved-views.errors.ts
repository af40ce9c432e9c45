/** Stable codes of the saved-views module (rendered by the SPA from common.codes.<CODE>). */
export enum SavedViewErrorCode {
  /** The view is shared with you: only its owner (or an admin) changes it. */
  SAVED_VIEW_READ_ONLY = 'SAVED_VIEW_READ_ONLY',
  /** You may not read the list the view belongs to. */
  SAVED_VIEW_LIST_FORBIDDEN = 'SAVED_VIEW_LIST_FORBIDDEN',
  /** Sharing with a department you are not in. */
  SAVED_VIEW_DEPARTMENT_OUT_OF_SCOPE = 'SAVED_VIEW_DEPARTMENT_OUT_OF_SCOPE',
}
