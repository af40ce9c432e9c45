export enum FileErrorCode {
  /** The upload has no `file` part. */
  FILE_REQUIRED = 'FILE_REQUIRED',
  /** The file is larger than FILES_MAX_BYTES (`params.maxBytes`): 413. */
  FILE_TOO_LARGE = 'FILE_TOO_LARGE',
  /** The file's first bytes are none of the accepted types (`params.allowed`): 415. */
  FILE_TYPE_NOT_ALLOWED = 'FILE_TYPE_NOT_ALLOWED',
}
