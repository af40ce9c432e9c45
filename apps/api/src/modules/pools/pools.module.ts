import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminModule } from '@modules/admin/admin.module';
import { NotificationsModule } from '@modules/notifications/notifications.module';
import { Pool } from './pool.entity';
import { PoolOwnershipService } from './pool-ownership.service';
import { PoolReturnService } from './pool-return.service';
import { PooledKindsService } from './pooled-kinds.service';
import { PoolsController } from './pools.controller';
import { PoolsService } from './pools.service';

/** Pools (公海) and the ownership life of every record kind registered with them. */
@Module({
  imports: [TypeOrmModule.forFeature([Pool]), AdminModule, NotificationsModule],
  controllers: [PoolsController],
  providers: [PoolsService, PooledKindsService, PoolOwnershipService, PoolReturnService],
  exports: [PoolsService, PooledKindsService, PoolOwnershipService],
})
export class PoolsModule {}
