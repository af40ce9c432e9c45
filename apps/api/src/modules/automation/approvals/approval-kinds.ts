import { Injectable } from '@nestjs/common';

export type ApprovalFieldType = 'string' | 'number' | 'date' | 'boolean' | 'user';

/** A record kind that asks for approvals: what its flows may trigger on and test. */
export interface ApprovalKind {
  /** e.g. `lead`; also the audit entity type, so the steps show on the record's timeline. */
  kind: string;
  triggers: string[];
  /** The record's fields a condition (and `manager of`, for `user` fields) may name. */
  fields: Record<string, ApprovalFieldType>;
}

/** The kinds modules registered at start (onModuleInit). */
@Injectable()
export class ApprovalKinds {
  private readonly kinds = new Map<string, ApprovalKind>();

  register(kind: ApprovalKind): void {
    this.kinds.set(kind.kind, kind);
  }

  get(kind: string): ApprovalKind | undefined {
    return this.kinds.get(kind);
  }

  all(): ApprovalKind[] {
    return [...this.kinds.values()].sort((a, b) => a.kind.localeCompare(b.kind));
  }
}
