import { Global, Module } from '@nestjs/common';
import { AuditService } from './audit.service';

/** The audit log is written by nearly every capability, so it is available everywhere. */
@Global()
@Module({ providers: [AuditService], exports: [AuditService] })
export class AuditModule {}
