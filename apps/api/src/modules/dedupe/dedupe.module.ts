import { Module } from '@nestjs/common';
import { ContactPointsService } from './contact-points.service';

/** The shared phone/email index behind duplicate detection for leads, contacts and accounts. */
@Module({ providers: [ContactPointsService], exports: [ContactPointsService] })
export class DedupeModule {}
