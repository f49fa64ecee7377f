import { Global, Module } from '@nestjs/common';
import { FactsReader } from '../facts/facts-reader.service';
import { ProgramCatalogService } from './program-catalog.service';

/** Catalog and fact reads shared by the API (calculator, applications) and the worker (screening, sweeps). */
@Global()
@Module({ providers: [ProgramCatalogService, FactsReader], exports: [ProgramCatalogService, FactsReader] })
export class CatalogCoreModule {}
