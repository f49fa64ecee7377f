import { AuditModule } from '@huiqi/core/audit/audit.module';
import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { SandboxController } from './sandbox.controller';
import { SandboxService } from './sandbox.service';

/** Policy sandbox runs (政策沙盘): requested here, computed by the worker. */
@Module({
  imports: [AuditModule, CatalogModule],
  controllers: [SandboxController],
  providers: [SandboxService],
})
export class SandboxModule {}
