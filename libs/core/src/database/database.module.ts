import { APP_CONFIG, AppConfig } from '@huiqi/config';
import { dataSourceOptions } from '@huiqi/database';
import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

/** The one data-source module both apps import; migrations are run by `prepareRuntime`, never here. */
@Module({})
export class DatabaseModule {
  static forRoot(applicationName: string): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            ...dataSourceOptions(config, applicationName),
            // Nest's default is to retry connecting forever; preflight has already proven Postgres answers.
            retryAttempts: 3,
            retryDelay: 1000,
          }),
        }),
      ],
    };
  }
}
