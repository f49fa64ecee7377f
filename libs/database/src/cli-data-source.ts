/** Data source for the TypeORM CLI (`npm run migration:generate -- libs/database/src/migrations/<name>`). */
import { loadConfig } from '@huiqi/config';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

export default new DataSource(dataSourceOptions(loadConfig(), 'huiqi-cli'));
