import { Column, Entity, PrimaryColumn } from 'typeorm';
import { BaseRecord } from '@core/database/base.entity';
import type { FilterGroup } from '@keyuan/shared';

export const SAVED_VIEW_SHARING = ['private', 'department', 'everyone'] as const;
export type SavedViewSharing = (typeof SAVED_VIEW_SHARING)[number];

/** What a view restores on its list: the advanced filter, the simple filters (query parameters) and the search. */
export interface SavedViewState {
  filter?: FilterGroup;
  params?: Record<string, unknown>;
  q?: string;
}

/** A named list state of one user on one list (leads, accounts...), private or shared read-only with others. */
@Entity('saved_views')
export class SavedView extends BaseRecord {
  @Column({ type: 'uuid' })
  ownerId: string;

  @Column({ type: 'varchar', length: 40 })
  listKey: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'jsonb', default: () => `'{}'::jsonb` })
  filters: SavedViewState;

  @Column({ type: 'varchar', length: 100, nullable: true })
  sort: string | null;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  columns: string[];

  @Column({ type: 'varchar', length: 12, default: 'private' })
  sharing: SavedViewSharing;

  /** With sharing `department`: that department and its sub-departments see the view. */
  @Column({ type: 'uuid', nullable: true })
  departmentId: string | null;
}

/** The view a user's list opens with (one per user and list; may be someone else's shared view). */
@Entity('saved_view_defaults')
export class SavedViewDefault {
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  listKey: string;

  @Column({ type: 'uuid' })
  viewId: string;
}
