import { AuditModule } from '@huiqi/core/audit/audit.module';
import { Module } from '@nestjs/common';
import { CatalogController, ProgramCatalogController } from './catalog.controller';
import { ProgramVersionsService } from './program-versions.service';
import { ProgramsService } from './programs.service';

/** The program catalog over HTTP: reading programs and their versions; policy admins draft and publish. */
@Module({
  imports: [AuditModule],
  controllers: [CatalogController, ProgramCatalogController],
  providers: [ProgramsService, ProgramVersionsService],
  exports: [ProgramsService],
})
export class CatalogModule {}
