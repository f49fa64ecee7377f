import { AuditModule } from '@huiqi/core/audit/audit.module';
import { Module } from '@nestjs/common';
import { ObjectionsController } from './objections.controller';
import { ObjectionsService } from './objections.service';

/** Objections to cases in publicity: the applicant's answers and the objector's follow-up. */
@Module({
  imports: [AuditModule],
  controllers: [ObjectionsController],
  providers: [ObjectionsService],
})
export class ObjectionsModule {}
