import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser, IfMatchVersion } from '@core/auth/decorators';
import { ApiProblems } from '@core/http/api-problems';
import { CreateSavedViewDto, QuerySavedViewsDto, SavedViewList, SavedViewResponse, UpdateSavedViewDto } from './dto/saved-view.dto';
import { SavedViewsService } from './saved-views.service';

// Saved views are per user: every handler checks `read` on the view's list (403 SAVED_VIEW_LIST_FORBIDDEN) in the service.
@ApiTags('saved-views')
@ApiBearerAuth()
@Controller('saved-views')
export class SavedViewsController {
  constructor(private readonly views: SavedViewsService) {}

  /** Your views of a list and those shared with you, with your default */
  @Get()
  @ApiProblems(400, 401, 403)
  list(@CurrentUser() user: AuthUser, @Query() query: QuerySavedViewsDto): Promise<SavedViewList> {
    return this.views.list(user, query.listKey);
  }

  /** Save a view of a list (private unless shared) */
  @Post()
  @ApiProblems(400, 401, 403, 409)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateSavedViewDto): Promise<SavedViewResponse> {
    return this.views.create(user, dto);
  }

  /** Get a view you own or that is shared with you */
  @Get(':id')
  @ApiProblems(401, 403, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<SavedViewResponse> {
    return this.views.get(user, id);
  }

  /** Change your view (owner or admin; 403 SAVED_VIEW_READ_ONLY for a view shared with you) */
  @Patch(':id')
  @ApiProblems(400, 401, 403, 404, 409, 412)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateSavedViewDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<SavedViewResponse> {
    return this.views.update(user, id, dto, ifMatch);
  }

  /** Delete your view (owner or admin) */
  @Delete(':id')
  @HttpCode(204)
  @ApiProblems(401, 403, 404, 412)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @IfMatchVersion() ifMatch?: number): Promise<void> {
    return this.views.remove(user, id, ifMatch);
  }

  /** Open its list with this view by default (yours or a shared one) */
  @Post(':id/default')
  @HttpCode(200)
  @ApiProblems(401, 403, 404)
  setDefault(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<SavedViewResponse> {
    return this.views.setDefault(user, id);
  }

  /** Stop opening its list with this view */
  @Delete(':id/default')
  @HttpCode(204)
  @ApiProblems(401, 403, 404)
  clearDefault(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.views.clearDefault(user, id);
  }
}
