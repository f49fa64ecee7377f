import type { ProgramDefinitionInput } from '../program-definition';
import { assumption, documentRequirement, withProcess } from './shared';

/**
 * Guangzhou High-tech Zone — Science City (seed 003). The seed describes practices — one-stop
 * acceptance, time-limited completion, commitment-based trust approval — and volumes (20,000+
 * technology enterprises, 2,000+ high-tech enterprises, ~2,000 entrepreneurship subsidies a year),
 * but no award figures: every amount below is an assumption, and the effective date (1 January 2018,
 * the year of the seed's figures) is too.
 */
const ZONE = 'guangzhou-science-city';
const EFFECTIVE_FROM = '2018-01-01';

const doubleInnovation = {
  code: `${ZONE}.double-innovation-support`,
  title: { zh: '科学城园区“双创”扶持政策', en: 'Science City "double innovation" support policy' },
  role: 'main',
} as const;

const highTechRegulations = {
  code: `${ZONE}.high-tech-industries-10-gold-regulations`,
  title: { zh: '高新技术产业“黄金10条”', en: 'High-tech industries "10 Gold Regulations"' },
  role: 'specialised',
} as const;

export const GUANGZHOU_PROGRAMS: ProgramDefinitionInput[] = [
  withProcess('never', {
    code: `${ZONE}.entrepreneurship-subsidy`,
    zone: ZONE,
    version: 1,
    effectiveFrom: EFFECTIVE_FROM,
    effectiveTo: null,
    policyDocument: doubleInnovation,
    title: { zh: '创业补贴', en: 'Entrepreneurship subsidy' },
    summary: {
      zh: '对在园区创业的人员给予一次性创业补贴，实行告知承诺制：凭签署的承诺审批，事后核查，虚假承诺追回资金。',
      en: 'A one-off subsidy for people who start a business in the park, approved on a signed commitment (告知承诺制), verified afterwards and clawed back if false.',
    },
    category: 'entrepreneurship',
    mode: 'commitment',
    beneficiary: 'person',
    period: 'once',
    parameters: {
      subsidyFen: assumption(
        792_800,
        'fen',
        { zh: '每人补贴金额', en: 'Subsidy per person' },
        'The seed gives totals only: in 2018, 2,172 people were supported and about 17.22 million yuan approved, an average of about 7,928 yuan per person (17,220,000 / 2,172 ≈ 7,928.18). That average is the default amount.',
      ),
      maxEnterpriseAgeMonths: assumption(
        36,
        'months',
        { zh: '企业成立不超过（月）', en: 'Enterprise at most this many months old' },
        'The seed does not define a start-up. Default: an enterprise established within the last 36 months.',
      ),
    },
    eligibility: [
      {
        id: 'commitment-signed',
        rule: { '===': [{ var: 'form.commitmentSigned' }, true] },
        reason: { zh: '须签署告知承诺书', en: 'The applicant must sign the commitment' },
      },
      {
        id: 'newly-established-enterprise',
        rule: {
          date_on_or_after: [
            {
              date_add_months: [
                { var: 'facts.established_on.latest' },
                { var: 'params.maxEnterpriseAgeMonths' },
              ],
            },
            { var: 'asOf' },
          ],
        },
        reason: {
          zh: '所创办企业成立须不超过 {params.maxEnterpriseAgeMonths} 个月',
          en: 'The enterprise must have been established within the last {params.maxEnterpriseAgeMonths} months',
        },
      },
    ],
    amount: { kind: 'fixed', amountFen: { param: 'subsidyFen' } },
    caps: { perPersonFen: { param: 'subsidyFen' } },
    documents: [documentRequirement('signed-commitment', '告知承诺书', 'Signed commitment')],
    formFields: [
      {
        name: 'founderName',
        type: 'string',
        required: true,
        label: { zh: '创业者姓名', en: "Founder's name" },
        maxLength: 50,
      },
      {
        name: 'idNumber',
        type: 'id_number',
        required: true,
        label: { zh: '身份证号码', en: 'Resident ID number' },
      },
      {
        name: 'commitmentSigned',
        type: 'boolean',
        required: true,
        label: { zh: '已签署告知承诺书', en: 'Commitment signed' },
      },
    ],
  }),

  withProcess('never', {
    code: `${ZONE}.high-tech-enterprise`,
    zone: ZONE,
    version: 1,
    effectiveFrom: EFFECTIVE_FROM,
    effectiveTo: null,
    policyDocument: highTechRegulations,
    title: { zh: '高新技术企业认定奖励', en: 'High-tech enterprise recognition reward' },
    summary: {
      zh: '新认定的高新技术企业给予一次性奖励（金额为假设参数，免申即享）。',
      en: 'A one-off reward for newly certified high-tech enterprises (the amount is an assumed parameter; granted without application).',
    },
    category: 'high-tech',
    mode: 'auto',
    beneficiary: 'enterprise',
    period: 'once',
    parameters: {
      rewardFen: assumption(
        10 * 10_000 * 100,
        'fen',
        { zh: '奖励金额', en: 'Reward' },
        'The seed names the "10 Gold Regulations" for high-tech industries and 2,000+ high-tech enterprises but no award. Default: 100,000 yuan, the figure Ningxiang pays for the same milestone.',
      ),
    },
    eligibility: [
      {
        id: 'certified-in-fiscal-year',
        rule: {
          date_in_fiscal_year: [{ var: 'facts.high_tech_certificate.latest.grantedOn' }, { var: 'fy' }],
        },
        reason: {
          zh: '须于{fy}年度获高新技术企业认定',
          en: 'The enterprise must have been certified as a high-tech enterprise in fiscal year {fy}',
        },
      },
    ],
    amount: { kind: 'fixed', amountFen: { param: 'rewardFen' } },
  }),
];
