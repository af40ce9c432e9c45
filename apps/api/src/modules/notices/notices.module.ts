import { Module } from '@nestjs/common';
import { AdminModule } from '@modules/admin/admin.module';
import { NoticesController } from './notices.controller';
import { NoticesService } from './notices.service';

/** Company notices (公司通知): rich text for an audience, scheduled, pinned, expiring, with read receipts. */
@Module({
  imports: [AdminModule],
  controllers: [NoticesController],
  providers: [NoticesService],
  exports: [NoticesService],
})
export class NoticesModule {}
