import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminModule } from '@modules/admin/admin.module';
import { CustomObject } from './custom-object.entity';
import { CustomRecord } from './custom-record.entity';
import { ObjectsController } from './objects.controller';
import { ObjectsService } from './objects.service';
import { RecordsController } from './records.controller';
import { RecordsService } from './records.service';

/** Custom modules (自定义模块, issue 18): /objects definitions and /records/{object} records. */
@Module({
  imports: [TypeOrmModule.forFeature([CustomObject, CustomRecord]), AdminModule],
  controllers: [ObjectsController, RecordsController],
  providers: [ObjectsService, RecordsService],
  exports: [ObjectsService, RecordsService],
})
export class ObjectsModule {}
