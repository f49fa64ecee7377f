import { LANGUAGES, Language } from '@huiqi/common';
import { UserEntity } from '@huiqi/database';
import { Body, Controller, Get, Module, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectRepository, TypeOrmModule } from '@nestjs/typeorm';
import { IsIn } from 'class-validator';
import { Repository } from 'typeorm';
import { Authenticated, CurrentPrincipal } from '../auth/decorators';
import type { Principal } from '../auth/principal';

export class PreferencesDto {
  @ApiProperty({ enum: LANGUAGES, description: 'Language of API messages and notifications' })
  @IsIn(LANGUAGES)
  language: Language;
}

export class PreferencesView {
  @ApiPropertyOptional({
    enum: LANGUAGES,
    nullable: true,
    description: 'The chosen language; null: each request’s Accept-Language decides (default zh-CN)',
  })
  language: Language | null;
  @ApiProperty({ enum: LANGUAGES, description: 'The language notifications are written in' })
  notificationLanguage: Language;
}

/** The caller's own settings. Choosing a language also sets the language of their notifications. */
@ApiTags('me')
@Controller('me/preferences')
@Authenticated()
export class PreferencesController {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  @Get()
  @ApiOperation({ operationId: 'me_getPreferences', summary: 'Your preferences (个人偏好)' })
  @ApiOkResponse({ type: PreferencesView })
  async get(@CurrentPrincipal() p: Principal): Promise<PreferencesView> {
    const user = await this.users.findOneByOrFail({ id: p.userId });
    return { language: user.languagePreference, notificationLanguage: user.locale };
  }

  @Put()
  @ApiOperation({
    operationId: 'me_setPreferences',
    summary: 'Set your preferences (设置个人偏好)',
    description: 'Choosing a language also sets the language of your notifications.',
  })
  @ApiOkResponse({ type: PreferencesView })
  async set(@CurrentPrincipal() p: Principal, @Body() dto: PreferencesDto): Promise<PreferencesView> {
    await this.users.update({ id: p.userId }, { languagePreference: dto.language, locale: dto.language });
    return { language: dto.language, notificationLanguage: dto.language };
  }
}

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity])],
  controllers: [PreferencesController],
})
export class PreferencesModule {}
