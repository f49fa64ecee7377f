import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ProcessorRegistration } from './processor-registration';

/** Checks the processors before starting them, and stops them first on shutdown. */
@Module({ imports: [DiscoveryModule], providers: [ProcessorRegistration] })
export class WorkerBootModule {}
