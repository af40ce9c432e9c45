export class BackupResponse {
  /** The archive's file name. @example keyuan-20261130T023000Z-x7q2.tar.gz */
  name: string;
  /** @example 1834021 */
  sizeBytes: number;
  /** @example 2026-11-30T02:30:00.000Z */
  createdAt: Date;
}

export class BackupListResponse {
  /** Newest first. */
  data: BackupResponse[];
}
