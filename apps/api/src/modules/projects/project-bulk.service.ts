import { Injectable } from '@nestjs/common';
import { PROJECT_STATUSES, ProjectStatus } from '@keyuan/shared';
import type { AuthUser } from '@core/auth/auth-user';
import { bulkHandlers, runBulk } from '@core/records/bulk';
import { BulkActionDto, BulkResponseDto } from '@core/records/bulk.dto';
import { ProjectsService } from './projects.service';

/**
 * Bulk actions on projects (changeStatus, delete), each project through its single-record call: a member
 * who does not manage a project gets that item's 403 PROJECT_MEMBER_ONLY on delete, the others go ahead.
 */
@Injectable()
export class ProjectBulkService {
  constructor(private readonly projects: ProjectsService) {}

  run(user: AuthUser, dto: BulkActionDto): Promise<BulkResponseDto> {
    return runBulk(
      user,
      'projects',
      bulkHandlers({
        changeStatus: { values: PROJECT_STATUSES, run: (id, status, v) => this.projects.update(user, id, { status: status as ProjectStatus }, v) },
        delete: (id, v) => this.projects.remove(user, id, v),
      }),
      dto,
    );
  }
}
