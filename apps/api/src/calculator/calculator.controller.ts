import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { CalculatorRequestDto } from './calculator.dto';
import { CalculatorService } from './calculator.service';
import { CalculatorView } from './calculator.views';

@ApiTags('calculator')
@Controller('calculator')
export class CalculatorController {
  constructor(private readonly calculator: CalculatorService) {}

  @ApiOperation({
    operationId: 'calculator_calculate',
    summary: 'Calculate what an enterprise qualifies for (政策计算器)',
    description:
      'What the enterprise qualifies for: every program in force in its zone, eligible or not, the estimated amount (or "up to"), the unmet conditions (zh, en) and the facts behind each clause. For the enterprise itself or staff of its zone; anyone else gets 404. Changes nothing.',
  })
  @Post()
  @HttpCode(200)
  @Roles('enterprise', 'officer', 'director', 'expert', 'finance', 'policy_admin', 'auditor', 'admin')
  @ApiOkResponse({ type: CalculatorView })
  calculate(@CurrentPrincipal() p: Principal, @Body() dto: CalculatorRequestDto) {
    return this.calculator.calculate(p, dto);
  }
}
