import {
  CompiledProgram,
  compileProgram,
  parseProgramDefinition,
  ProgramDefinition,
  ProgramSettings,
  resolveProgramSettings,
} from '@huiqi/policies';
import { ProgramVersionEntity } from '@huiqi/database';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../errors/domain-error';

/**
 * The version of each program in force on the date in `$2` (libs/policies `versionInForce`): the
 * highest published version that has started, unless its `effectiveTo` (the inclusive last day) has
 * passed or the program was retired before that day. A later version thus ends the earlier one from
 * its start; when the later one ends, the earlier one does not come back. `$1` filters (codes or zones).
 */
const IN_FORCE = (filter: string) => `
  SELECT code, version FROM (
    SELECT DISTINCT ON (v.code) v.code, v.version, v.effective_to
    FROM program_versions v
    WHERE ${filter} AND v.status = 'published' AND v.effective_from <= $2::date
    ORDER BY v.code, v.version DESC
  ) latest
  WHERE (latest.effective_to IS NULL OR latest.effective_to >= $2::date)
    AND NOT EXISTS (
      SELECT 1 FROM program_retirements r WHERE r.code = latest.code AND r.last_day < $2::date
    )
  ORDER BY code`;

/** A program version ready to use: its row, parsed definition, compiled rules and resolved settings. */
export interface LoadedProgram {
  row: ProgramVersionEntity;
  definition: ProgramDefinition;
  compiled: CompiledProgram;
  settings: ProgramSettings;
}

/**
 * Reads program versions. Published versions are immutable (a database trigger guarantees it), so
 * their compiled form is cached per process: compiling once and reusing it is what keeps sweeps fast.
 */
@Injectable()
export class ProgramCatalogService {
  private readonly cache = new Map<string, LoadedProgram>();

  constructor(private readonly dataSource: DataSource) {}

  async getVersion(
    code: string,
    version: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<LoadedProgram> {
    const key = `${code}@${version}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const row = await manager.findOne(ProgramVersionEntity, { where: { code, version } });
    if (!row) throw DomainError.notFound('programVersion', `${code} v${version}`);
    const loaded = this.load(row);
    if (row.status === 'published') this.cache.set(key, loaded);
    return loaded;
  }

  /** The version in force on `asOf` (YYYY-MM-DD): the highest published version whose window contains it. */
  async getCurrent(
    code: string,
    asOf: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<LoadedProgram> {
    const current = await this.findCurrent(code, asOf, manager);
    if (!current) throw DomainError.notFound('program', code);
    return current;
  }

  /** As `getCurrent`, but null when no version of the program is in force on `asOf`. */
  async findCurrent(
    code: string,
    asOf: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<LoadedProgram | null> {
    const rows: { code: string; version: number }[] = await manager.query(IN_FORCE('v.code = $1'), [
      code,
      asOf,
    ]);
    return rows.length === 0 ? null : this.getVersion(rows[0].code, rows[0].version, manager);
  }

  /** Every program of a zone in force on `asOf`, at its current version. */
  async listCurrent(
    zoneId: string,
    asOf: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<LoadedProgram[]> {
    return this.listCurrentIn([zoneId], asOf, manager);
  }

  /** Every program in force on `asOf` at its current version, of the given zones (null: of every zone), by code. */
  async listCurrentIn(
    zoneIds: readonly string[] | null,
    asOf: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<LoadedProgram[]> {
    const rows: { code: string; version: number }[] = await manager.query(
      IN_FORCE('($1::uuid[] IS NULL OR v.zone_id = ANY($1::uuid[]))'),
      [zoneIds, asOf],
    );
    // One after another: a transaction's manager is one connection, which must not run queries
    // concurrently (pg deprecates it); published versions come from the cache anyway.
    const programs: LoadedProgram[] = [];
    for (const r of rows) programs.push(await this.getVersion(r.code, r.version, manager));
    return programs;
  }

  load(row: ProgramVersionEntity): LoadedProgram {
    const definition = parseProgramDefinition(row.definition);
    return {
      row,
      definition,
      compiled: compileProgram(definition),
      settings: resolveProgramSettings(definition),
    };
  }
}
