import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { ApiProblemResponses } from '../http/api-docs';
import { IdParam } from '../http/id-param';
import { ReassignDto } from './reassignment.dto';
import { ReassignmentService } from './reassignment.service';
import { ReassignmentView } from './reassignment.views';

@ApiTags('applications')
@Controller()
export class ReassignmentController {
  constructor(private readonly reassignment: ReassignmentService) {}

  /** A director moves one case (first review, acceptance or out for amendment) to another officer of the zone. */
  @Post('applications/:id/reassignment')
  @HttpCode(200)
  @Roles('director')
  @ApiOperation({
    operationId: 'applications_reassign',
    summary: 'Reassign a case to another officer (转办)',
    description:
      'A director moves one case (first review, acceptance or out for amendment) to another officer ' +
      'of the zone; the case’s version is bumped.',
  })
  @ApiProblemResponses(403, [
    409,
    'The case is not in an officer’s hands (first review, acceptance, amendment)',
  ])
  @ApiOkResponse({ type: ReassignmentView, description: 'The moved case' })
  reassignCase(
    @CurrentPrincipal() p: Principal,
    @IdParam('id', 'application') id: string,
    @Body() dto: ReassignDto,
  ) {
    return this.reassignment.reassignCase(p, id, dto.toOfficerId, dto.comment);
  }

  /** A director moves an officer's whole open queue to another officer of the zone (leave, departure). */
  @Post('officers/:officerId/queue/reassignment')
  @HttpCode(200)
  @Roles('director')
  @ApiOperation({
    operationId: 'applications_reassignQueue',
    summary: 'Reassign an officer’s whole queue (整体转办)',
    description:
      'A director moves an officer’s whole open queue (first review, acceptance, amendment) to ' +
      'another officer of the zone (leave, departure).',
  })
  @ApiProblemResponses(403)
  @ApiOkResponse({ type: ReassignmentView, description: 'Every moved case' })
  reassignQueue(
    @CurrentPrincipal() p: Principal,
    @IdParam('officerId', 'officer') officerId: string,
    @Body() dto: ReassignDto,
  ) {
    return this.reassignment.reassignQueue(p, officerId, dto.toOfficerId, dto.comment);
  }
}
