import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { ApiProblemResponses } from '../http/api-docs';
import { IdParam } from '../http/id-param';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { AnswerObjectionDto } from './objections.dto';
import { ObjectionsService } from './objections.service';
import { MyObjectionView, ObjectionView } from './objections.views';

@ApiTags('publicity')
@Controller()
export class ObjectionsController {
  constructor(private readonly objections: ObjectionsService) {}

  @Get('applications/:id/objections')
  @Authenticated()
  @ApiOperation({
    operationId: 'objections_list',
    summary: 'The objections to a case with answers and decisions (公示异议)',
    description:
      'Each objection raised in publicity, the applicant’s answers and the director’s decision. ' +
      'Staff of the zone also see who objected; the applicant enterprise does not.',
  })
  @ApiOkResponse({ type: [ObjectionView] })
  list(@CurrentPrincipal() p: Principal, @IdParam('id', 'application') id: string) {
    return this.objections.forCase(p, id);
  }

  @Post('applications/:id/objection-answers')
  @HttpCode(200)
  @Roles('enterprise')
  @Idempotent()
  @ApiOperation({
    operationId: 'objections_answer',
    summary: 'Answer the pending objection (答复异议)',
    description:
      'The applicant enterprise answers the objection awaiting the director’s decision; the answer is ' +
      'recorded in the case’s audit chain (`objection.answered`) and shown to the director. It does not ' +
      'change the state. 409 unless the case is in `objection`; other enterprises get 404.',
  })
  @ApiProblemResponses(
    [403, 'Only the applicant enterprise may answer'],
    [409, 'No objection awaits a decision'],
  )
  @ApiOkResponse({ type: [ObjectionView], description: 'The case’s objections, with the new answer' })
  answer(
    @CurrentPrincipal() p: Principal,
    @IdParam('id', 'application') id: string,
    @Body() dto: AnswerObjectionDto,
  ) {
    return this.objections.answer(p, id, dto);
  }

  @Get('objections/mine')
  @Authenticated()
  @ApiOperation({
    operationId: 'objections_mine',
    summary: 'The cases I objected to (我提出的异议)',
    description:
      'The cases the caller objected to, newest first, with only what the public 公示 shows ' +
      '(reference, program, enterprise, amount) and each objection’s outcome. No ids, no form, no documents.',
  })
  @ApiOkResponse({ type: [MyObjectionView] })
  mine(@CurrentPrincipal() p: Principal) {
    return this.objections.mine(p);
  }
}
