import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Campaign names and costs for analytics (issue 19): marketing spend is company-wide figures, not scoped by owner. */
@Injectable()
export class CampaignReportsService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The named campaigns' names and actual cost (in their currency, converted at their start day). */
  async costs(ids: string[]): Promise<{ id: string; name: string; currency: string; date: string; cost: string | null }[]> {
    if (!ids.length) return [];
    return this.ds.query(
      `SELECT id, name, currency, start_date::text AS date, actual_cost::text AS cost FROM campaigns WHERE id = ANY($1::uuid[]) AND deleted_at IS NULL`,
      [ids],
    );
  }
}
