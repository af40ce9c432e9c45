import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@core/auth/auth-user';
import { DomainError, notFound } from '@core/http/domain-error';
import { UsersService } from '@modules/admin/users/users.service';
import { ApprovalErrorCode } from './approvals.errors';
import { CreateDelegationDto, DelegationResponse } from './dto/approval.dto';

type Row = { id: string; user_id: string; delegate_id: string; starts_at: Date; ends_at: Date; created_at: Date };

/** A user lets a colleague act on their approvals for a period (holidays, travel). */
@Injectable()
export class DelegationsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly users: UsersService,
  ) {}

  /** Your delegations that have not ended, and the ones given to you. */
  async list(user: AuthUser): Promise<DelegationResponse[]> {
    const rows: Row[] = await this.ds.query(
      `SELECT id, user_id, delegate_id, starts_at, ends_at, created_at FROM approval_delegations
        WHERE deleted_at IS NULL AND ends_at > now() AND (user_id = $1 OR delegate_id = $1) ORDER BY starts_at, id`,
      [user.id],
    );
    return this.toResponses(rows);
  }

  async create(user: AuthUser, dto: CreateDelegationDto): Promise<DelegationResponse> {
    const invalid = (field: string, message: string) =>
      new DomainError(ApprovalErrorCode.DELEGATION_INVALID, HttpStatus.BAD_REQUEST, message, [{ field, message }]);
    if (dto.delegateId === user.id) throw invalid('delegateId', 'you cannot delegate to yourself');
    if (dto.endsAt.getTime() <= dto.startsAt.getTime()) throw invalid('endsAt', 'endsAt must be after startsAt');
    if (!(await this.users.activeIds([dto.delegateId])).length) throw invalid('delegateId', 'delegateId is not an active user');
    const [row]: Row[] = await this.ds.query(
      `INSERT INTO approval_delegations (user_id, delegate_id, starts_at, ends_at) VALUES ($1, $2, $3, $4)
       RETURNING id, user_id, delegate_id, starts_at, ends_at, created_at`,
      [user.id, dto.delegateId, dto.startsAt, dto.endsAt],
    );
    return (await this.toResponses([row]))[0];
  }

  /** Ends one of your delegations. */
  async remove(user: AuthUser, id: string): Promise<void> {
    const res: [unknown[], number] = await this.ds.query(
      `UPDATE approval_delegations SET deleted_at = now() WHERE id = $1 AND user_id = $2 AND deleted_at IS NULL RETURNING id`,
      [id, user.id],
    );
    if (!res[1]) throw notFound('delegation');
  }

  private async toResponses(rows: Row[]): Promise<DelegationResponse[]> {
    const names = await this.users.namesByIds(rows.map((r) => r.delegate_id));
    return rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      delegateId: r.delegate_id,
      delegateName: names.get(r.delegate_id) ?? null,
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      createdAt: r.created_at,
    }));
  }
}
