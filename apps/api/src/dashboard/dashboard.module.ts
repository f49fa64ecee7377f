import { Module } from '@nestjs/common';
import { DashboardController } from './dashboard.controller';
import { DashboardQueries } from './dashboard.queries';

/** The zone leader's dashboard (数据看板) for directors. */
@Module({ controllers: [DashboardController], providers: [DashboardQueries] })
export class DashboardModule {}
