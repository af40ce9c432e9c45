import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class LeadHomeQueryDto {
  /**
   * "No follow-up for N days": an open lead with no activity for this many days (counted from the time it
   * got its owner when that is later).
   * @example 7
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  staleDays?: number;

  /**
   * Pool claims that return to their pool within this many days.
   * @example 3
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(90)
  returnWithinDays?: number;
}

/** A lead as a home card lists it: no contact details, so nothing to mask. */
export class LeadBriefDto {
  /** @example "0b6a0f8e-5d5c-4a39-9d58-0a5b1f1f6a11" */
  id: string;
  /** @example "王小明" */
  name: string;
  /** @example "云启科技" */
  company: string | null;
  /** @example "contacted" */
  status: string;
  /** Next planned follow-up. */
  nextFollowUpAt: Date | null;
  /** Latest logged activity. */
  lastActivityAt: Date | null;
  /** When the current owner got it (claim or assignment). */
  claimedAt: Date | null;
  /** When the nightly return sends it back to its pool without a follow-up (pool claims only). */
  returnAt: Date | null;
}

export class LeadBriefListDto {
  /** How many match (the list shows the first 10). @example 3 */
  count: number;
  @Type(() => LeadBriefDto)
  items: LeadBriefDto[];
}

/** One owner's figures in the reader's data scope. */
export class LeadTeamRowDto {
  /** @example "0b6a0f8e-5d5c-4a39-9d58-0a5b1f1f6a11" */
  ownerId: string;
  /** @example "李雷" */
  ownerName: string;
  /** Open leads (not converted, not unqualified). @example 12 */
  open: number;
  /** Open leads whose follow-up day has passed (before today, business time zone). @example 2 */
  overdue: number;
  /** Open leads with no follow-up for `staleDays`. @example 4 */
  stale: number;
  /** Leads the owner got (assigned, claimed or created) in the last 7 days. @example 3 */
  newThisWeek: number;
  /** Leads converted in the last 30 days. @example 1 */
  convertedThisMonth: number;
}

/** What a rep's day needs about leads, and a manager's team figures. */
export class LeadHomeResponse {
  /** @example 7 */
  staleDays: number;
  /** @example 3 */
  returnWithinDays: number;
  /** My open leads whose follow-up time has passed (before today, business time zone). */
  overdue: LeadBriefListDto;
  /** My open leads to follow up today. */
  today: LeadBriefListDto;
  /** My open leads with no follow-up for `staleDays`. */
  stale: LeadBriefListDto;
  /** Leads I got in the last 7 days (assigned, claimed, or created with me as owner), newest first. */
  recentlyAssigned: LeadBriefListDto;
  /** My pool claims returning to their pool within `returnWithinDays`, soonest first. */
  returning: LeadBriefListDto;
  /** Per owner in my data scope (department or all); null when my scope is my own leads. */
  team: LeadTeamRowDto[] | null;
}
