import type { ProgramDefinitionInput } from '../program-definition';

/**
 * A small, valid `apply` program used as the starting point of definition tests: 10% of the fiscal
 * year's equipment investment, at least 1,000 yuan of base, capped at 50,000 yuan.
 */
export function baseProgram(overrides: Partial<ProgramDefinitionInput> = {}): ProgramDefinitionInput {
  return {
    code: 'test-zone.sample-program',
    zone: 'test-zone',
    version: 1,
    effectiveFrom: '2024-01-01',
    effectiveTo: null,
    policyDocument: { code: 'test-zone.main', title: { zh: '主文件', en: 'Main document' }, role: 'main' },
    title: { zh: '示例项目', en: 'Sample program' },
    summary: { zh: '用于测试', en: 'For tests' },
    category: 'equipment',
    mode: 'apply',
    beneficiary: 'enterprise',
    period: 'fiscal-year',
    parameters: {
      rate: { value: 1000, unit: 'bp', description: { zh: '比例', en: 'Rate' }, origin: 'source' },
      minEmployees: {
        value: 10,
        description: { zh: '最少员工数', en: 'Minimum employees' },
        origin: 'assumption',
        note: 'Not in the source; a test default.',
      },
    },
    eligibility: [
      {
        id: 'enough-employees',
        rule: { '>=': [{ var: 'facts.employees.fy' }, { var: 'params.minEmployees' }] },
        reason: {
          zh: '{fy}年度员工须不少于 {params.minEmployees} 人',
          en: 'At least {params.minEmployees} employees in {fy}',
        },
      },
    ],
    amount: {
      kind: 'percentage-of-base',
      baseFrom: { fact: 'equipment_investment_fen', period: 'fy' },
      rateBasisPoints: { param: 'rate' },
      minBaseFen: 100_000,
      capFen: 5_000_000,
    },
    caps: { perApplicationFen: 5_000_000 },
    documents: [{ type: 'invoices', title: { zh: '发票', en: 'Invoices' }, mandatory: true }],
    route: { directorApprovalAboveFen: 1_000_000, expertReview: 'never' },
    publicityWorkingDays: 5,
    sla: { firstReview: 5, expertReview: 10, directorApproval: 3, amendment: 10 },
    formFields: [
      { name: 'projectName', type: 'string', required: true, label: { zh: '项目名称', en: 'Project name' } },
      {
        name: 'kind',
        type: 'enum',
        required: false,
        label: { zh: '类型', en: 'Kind' },
        options: ['new', 'upgrade'],
      },
    ],
    ...overrides,
  };
}
