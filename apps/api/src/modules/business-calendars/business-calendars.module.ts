import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BusinessCalendar, BusinessCalendarDay } from './business-calendar.entity';
import { BusinessCalendarsController } from './business-calendars.controller';
import { BusinessCalendarsService } from './business-calendars.service';

/** Business calendars (工作日历): working hours, China's official holidays and 调休, due times in working time for SLAs. */
@Module({
  imports: [TypeOrmModule.forFeature([BusinessCalendar, BusinessCalendarDay])],
  controllers: [BusinessCalendarsController],
  providers: [BusinessCalendarsService],
  exports: [BusinessCalendarsService],
})
export class BusinessCalendarsModule {}
