import { AuditModule } from '@huiqi/core/audit/audit.module';
import { Module } from '@nestjs/common';
import { ReassignmentController } from './reassignment.controller';
import { ReassignmentService } from './reassignment.service';

/** Directors move work between the officers of their zone. */
@Module({
  imports: [AuditModule],
  controllers: [ReassignmentController],
  providers: [ReassignmentService],
})
export class ReassignmentModule {}
