import { Module } from '@nestjs/common';
import { CalculatorController } from './calculator.controller';
import { CalculatorService } from './calculator.service';

/** The policy calculator (reads the catalog, facts and grant history; writes nothing). */
@Module({ controllers: [CalculatorController], providers: [CalculatorService] })
export class CalculatorModule {}
