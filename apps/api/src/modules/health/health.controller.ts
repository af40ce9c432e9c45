import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '@core/auth/decorators';
import { ApiProblems } from '@core/http/api-problems';

export class HealthResponse {
  @ApiProperty({ example: 'ok' })
  status: string;
  @ApiProperty({ example: 'up' })
  database: string;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Liveness and database check (no authentication) */
  @Public()
  @Get()
  @ApiProblems(503)
  async health(): Promise<HealthResponse> {
    try {
      await this.ds.query('SELECT 1');
    } catch {
      throw new ServiceUnavailableException('The database is not reachable');
    }
    return { status: 'ok', database: 'up' };
  }
}
