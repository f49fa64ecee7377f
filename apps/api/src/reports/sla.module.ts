import { Module } from '@nestjs/common';
import { SlaReportController } from './sla.controller';
import { SlaReportService } from './sla.service';

/** Deadline-compliance report for zone staff. */
@Module({ controllers: [SlaReportController], providers: [SlaReportService] })
export class SlaReportModule {}
