import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/decorators';
import { ZonesService } from './zones.service';

class ZoneView {
  @ApiProperty({ example: 'ningxiang-htz' }) code: string;
  @ApiProperty({ example: '宁乡高新技术产业园区' }) nameZh: string;
  @ApiProperty({ example: 'Ningxiang High-tech Zone' }) nameEn: string;
}

@ApiTags('zones')
@Controller('zones')
export class ZonesController {
  constructor(private readonly zones: ZonesService) {}

  @Public()
  @ApiOperation({
    operationId: 'zones_list',
    summary: 'List zones (园区列表)',
    description: 'The zones (tenants) an enterprise can register in.',
  })
  @Get()
  @ApiOkResponse({ type: [ZoneView] })
  async list(): Promise<ZoneView[]> {
    return (await this.zones.list()).map(({ code, nameZh, nameEn }) => ({ code, nameZh, nameEn }));
  }
}
