import { createHash } from 'node:crypto';
import { LocalizedText } from '@huiqi/common';
import { Controller, Get, Injectable, Module, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/decorators';
import { ZonesService } from '../zones/zones.service';
import { staticLabelGroups } from './vocabularies';

export class LabelsView {
  @ApiProperty({ description: 'Changes whenever any label changes (also the ETag)' })
  version: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        properties: { zh: { type: 'string' }, en: { type: 'string' } },
        required: ['zh', 'en'],
      },
    },
    description: 'group → code → {zh, en}',
  })
  groups: Record<string, Record<string, LocalizedText>>;
}

@Injectable()
export class LabelsService {
  private readonly fixed = staticLabelGroups();

  constructor(private readonly zones: ZonesService) {}

  async labels(): Promise<LabelsView> {
    const zone = Object.fromEntries(
      (await this.zones.list()).map((z) => [z.code, { zh: z.nameZh, en: z.nameEn }]),
    );
    const groups = { ...this.fixed, zone };
    const version = createHash('sha256').update(JSON.stringify(groups)).digest('hex').slice(0, 16);
    return { version, groups };
  }
}

/** Every code a person may read, with its Chinese and English label: what the web console shows. */
@ApiTags('labels')
@Controller('labels')
export class LabelsController {
  constructor(private readonly labels: LabelsService) {}

  @Get()
  @Public()
  @ApiOperation({
    operationId: 'labels_get',
    summary: 'Labels of every code (代码标签)',
    description:
      'Every code a person may read (states, roles, zones…), with its Chinese and English label. ' +
      'Cacheable: send the ETag back in If-None-Match to get 304 when nothing changed.',
  })
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'A previous ETag: 304 if unchanged' })
  @ApiOkResponse({ type: LabelsView })
  @ApiResponse({ status: 304, description: 'Unchanged since the ETag in If-None-Match' })
  async get(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const view = await this.labels.labels();
    const etag = `"${view.version}"`;
    reply.header('etag', etag).header('cache-control', 'public, max-age=300');
    const ifNoneMatch = req.headers['if-none-match'];
    if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) {
      await reply.status(304).send();
      return;
    }
    await reply
      .status(200)
      .header('content-type', 'application/json; charset=utf-8')
      .send(JSON.stringify(view));
  }
}

@Module({
  controllers: [LabelsController],
  providers: [LabelsService],
})
export class LabelsModule {}
