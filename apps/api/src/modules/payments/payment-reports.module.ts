import { Module } from '@nestjs/common';
import { PaymentReportsService } from './payment-reports.service';

/** The finance reporting queries for analytics, as a module of their own (read only). */
@Module({ providers: [PaymentReportsService], exports: [PaymentReportsService] })
export class PaymentReportsModule {}
