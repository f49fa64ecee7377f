import { text } from '@huiqi/common';
import { DomainError } from '@huiqi/core/errors/domain-error';
import { ZoneEntity } from '@huiqi/database';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

@Injectable()
export class ZonesService {
  constructor(private readonly dataSource: DataSource) {}

  list(): Promise<ZoneEntity[]> {
    return this.dataSource.getRepository(ZoneEntity).find({ order: { code: 'ASC' } });
  }

  /** The zone for a code given in a request body; an unknown code is the caller's mistake (400 naming it). */
  async requireByCode(
    code: string,
    field: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ZoneEntity> {
    const zone = await manager.findOne(ZoneEntity, { where: { code } });
    if (!zone) throw DomainError.invalid(field, text('error.unknown-zone', { field, code }));
    return zone;
  }

  async codeOf(id: string | null, manager: EntityManager = this.dataSource.manager): Promise<string | null> {
    if (!id) return null;
    return (await manager.findOne(ZoneEntity, { where: { id } }))?.code ?? null;
  }
}
