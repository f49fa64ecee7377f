import { DomainError } from '@huiqi/core/errors/domain-error';
import { Controller, Get, Injectable, Query, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { Matches } from 'class-validator';
import { DataSource } from 'typeorm';
import { Public } from '../auth/decorators';
import { LocalizedTextView } from '../facts/facts.views';
import { ApiProblemResponses } from '../http/api-docs';

export class PublicPublicityQueryDto {
  @ApiProperty({ example: 'ningxiang-htz', description: 'Zone code' })
  @Matches(/^[a-z0-9-]{2,64}$/, { message: 'zone must be a zone code' })
  zone: string;
}

class PublicPublicityZoneView {
  @ApiProperty() code: string;
  @ApiProperty({ type: LocalizedTextView }) name: LocalizedTextView;
}

export class PublicPublicityItemView {
  @ApiProperty() reference: string;
  @ApiProperty({ type: LocalizedTextView }) programTitle: LocalizedTextView;
  @ApiProperty() enterpriseName: string;
  @ApiProperty({ type: 'integer', description: 'Integer fen' }) amountFen: number;
  @ApiProperty() publicityEndsAt: Date;
  @ApiProperty({ description: 'Objections are accepted until then (the end of publicity)' })
  objectionDeadline: Date;
}

export class PublicPublicityPageView {
  @ApiProperty({ type: PublicPublicityZoneView }) zone: PublicPublicityZoneView;
  @ApiProperty({ type: [PublicPublicityItemView] }) items: PublicPublicityItemView[];
}

const MAX_ITEMS = 1000;

/**
 * The public 公示 list: cases of a zone in publicity (or with an objection pending while publicity
 * runs), with only what a publication shows — no ids, no USCC, no form.
 */
@Injectable()
export class PublicPublicityService {
  constructor(private readonly dataSource: DataSource) {}

  async list(zoneCode: string): Promise<PublicPublicityPageView> {
    const zones: { id: string; code: string; name_zh: string; name_en: string }[] =
      await this.dataSource.query('SELECT id, code, name_zh, name_en FROM zones WHERE code = $1', [zoneCode]);
    if (zones.length === 0) throw DomainError.notFound('zone', zoneCode);
    const zone = zones[0];
    const rows: {
      reference: string;
      title: { zh?: string; en?: string } | null;
      enterprise_name: string;
      amount_fen: string;
      publicity_ends_at: Date;
    }[] = await this.dataSource.query(
      `SELECT a.reference, pv.definition -> 'title' AS title, e.name AS enterprise_name,
              a.approved_amount_fen::bigint::text AS amount_fen, p.due_at AS publicity_ends_at
       FROM applications a
       JOIN enterprises e ON e.id = a.enterprise_id
       JOIN program_versions pv ON pv.code = a.program_code AND pv.version = a.program_version
       CROSS JOIN LATERAL (
         SELECT due_at FROM application_stage_log l
         WHERE l.application_id = a.id AND l.stage = 'publicity' ORDER BY l.entered_at DESC LIMIT 1
       ) p
       WHERE a.zone_id = $1 AND a.state IN ('publicity', 'objection') AND a.approved_amount_fen IS NOT NULL
       ORDER BY p.due_at, a.reference
       LIMIT $2`,
      [zone.id, MAX_ITEMS],
    );
    return {
      zone: { code: zone.code, name: { zh: zone.name_zh, en: zone.name_en } },
      items: rows.map((r) => ({
        reference: r.reference,
        programTitle: { zh: r.title?.zh ?? '', en: r.title?.en ?? '' },
        enterpriseName: r.enterprise_name,
        amountFen: Number(r.amount_fen),
        publicityEndsAt: r.publicity_ends_at,
        objectionDeadline: r.publicity_ends_at,
      })),
    };
  }
}

@ApiTags('publicity')
@Controller('public/publicity')
export class PublicPublicityController {
  constructor(private readonly publicity: PublicPublicityService) {}

  @Get()
  @Public()
  @UseGuards(ThrottlerGuard)
  @ApiOperation({
    operationId: 'publicity_list',
    summary: 'Public list of a zone’s cases in publicity (公示名单)',
    description:
      'The cases of a zone in publicity (or with an objection pending while publicity runs), with only ' +
      'what a publication shows: no ids, no USCC, no form. No sign-in; rate-limited per address.',
  })
  @ApiOkResponse({ type: PublicPublicityPageView })
  @ApiProblemResponses([404, 'No zone has this code'], [429, 'Too many requests from this address'])
  list(@Query() q: PublicPublicityQueryDto): Promise<PublicPublicityPageView> {
    return this.publicity.list(q.zone);
  }
}
