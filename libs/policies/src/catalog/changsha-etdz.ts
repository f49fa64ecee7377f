import type { ProgramDefinitionInput } from '../program-definition';
import { assumption, documentRequirement, sourced, withProcess } from './shared';

/**
 * Changsha Economic and Technological Development Zone — "Several Measures to Accelerate the
 * Cultivation of New Quality Productivity and Promote High-Quality Development of Manufacturing
 * (Trial)", released February 2025 (seed 004).
 *
 * R&D investment and future industry are `auto` (免申即享): the zone asks for more "enjoyment
 * without application", and both amounts are computable from data it already holds — R&D expense
 * and sales revenue from the tax bureau, future-industry recognition from its own evaluation.
 * Auto programs only trust authoritative sources, so a self-declared figure never triggers a grant.
 * Equipment upgrade and achievement transformation stay `apply`: they are per project and need
 * project documents (and expert review) the data feeds do not carry.
 */
const ZONE = 'changsha-etdz';

const base = {
  zone: ZONE,
  version: 1,
  effectiveFrom: '2025-02-01',
  effectiveTo: null,
  policyDocument: {
    code: `${ZONE}.new-quality-productivity-measures-2025`,
    title: {
      zh: '长沙经开区加快培育新质生产力推动制造业高质量发展若干措施（试行）',
      en: 'Several Measures to Accelerate New Quality Productivity and High-Quality Manufacturing (Trial)',
    },
    role: 'main',
  },
} as const;

const YUAN_10K = 10_000 * 100;

/**
 * Little giant and single champion: a newly recognised national single champion is very often a
 * little giant too, and Chinese award measures pay such honours on the "higher one, not both"
 * principle (就高不重复). Both are recognitions of the same enterprise's standing in the same
 * year, so they share a group: the enterprise gets the higher award.
 */
const NATIONAL_HONOURS_GROUP = `${ZONE}.national-manufacturing-honours`;

export const CHANGSHA_PROGRAMS: ProgramDefinitionInput[] = [
  withProcess('never', {
    ...base,
    code: `${ZONE}.rnd-investment`,
    title: { zh: '研发投入奖励', en: 'R&D investment reward' },
    summary: {
      zh: '年度研发投入达到一定规模的企业，按研发费用同比增量的 10% 给予奖励，最高 200 万元（免申即享）。',
      en: 'Enterprises whose annual R&D expense reaches a threshold: 10% of the year-on-year increase in R&D expense, at most 2,000,000 yuan (granted without application).',
    },
    category: 'rnd',
    mode: 'auto',
    beneficiary: 'enterprise',
    period: 'fiscal-year',
    parameters: {
      rndScaleThresholdFen: assumption(
        1_000 * YUAN_10K,
        'fen',
        { zh: '年度研发费用规模门槛', en: 'Annual R&D expense threshold' },
        'The measures say "R&D expenditures reaching a certain scale" without the figure. Default: 10,000,000 yuan in the fiscal year.',
      ),
      capFen: sourced(200 * YUAN_10K, 'fen', { zh: '奖励上限', en: 'Maximum reward' }),
    },
    eligibility: [
      {
        id: 'rnd-scale-reached',
        rule: { '>=': [{ var: 'facts.rnd_expense_fen.fy' }, { var: 'params.rndScaleThresholdFen' }] },
        reason: {
          zh: '{fy}年度研发费用须达到 {params.rndScaleThresholdFen} 元',
          en: 'R&D expense in fiscal year {fy} must reach {params.rndScaleThresholdFen} yuan',
        },
      },
    ],
    amount: {
      kind: 'percentage-of-increase',
      currentFrom: { fact: 'rnd_expense_fen', period: 'fy' },
      previousFrom: { fact: 'rnd_expense_fen', period: 'prev' },
      rateBasisPoints: 1_000,
      capFen: { param: 'capFen' },
    },
    caps: { perEnterprisePerFiscalYearFen: { param: 'capFen' } },
  }),

  withProcess('always', {
    ...base,
    code: `${ZONE}.achievement-transformation`,
    dedupFormFields: ['projectName'],
    title: { zh: '重大科技成果转化项目奖励', en: 'Major achievement transformation project reward' },
    summary: {
      zh: '重大科技成果转化项目，经专家评审确定奖励金额，最高 500 万元。',
      en: 'Major science and technology achievement-transformation projects: an amount set by expert review, up to 5,000,000 yuan.',
    },
    category: 'achievement-transformation',
    mode: 'apply',
    beneficiary: 'enterprise',
    period: 'once',
    eligibility: [
      {
        id: 'implemented-in-zone',
        rule: { '==': [{ var: 'form.implementedInZone' }, true] },
        reason: {
          zh: '成果转化项目须在园区内实施',
          en: 'The transformation project must be carried out in the zone',
        },
      },
    ],
    amount: { kind: 'set-by-review', maxFen: 500 * YUAN_10K },
    documents: [
      documentRequirement('project-proposal', '项目申报书', 'Project proposal'),
      documentRequirement(
        'achievement-ownership',
        '成果权属或转让证明',
        'Evidence of ownership or transfer of the achievement',
      ),
      documentRequirement('investment-evidence', '项目投入证明', 'Evidence of investment in the project'),
    ],
    formFields: [
      {
        name: 'projectName',
        type: 'string',
        required: true,
        label: { zh: '项目名称', en: 'Project name' },
        maxLength: 100,
      },
      {
        name: 'projectSummary',
        type: 'text',
        required: true,
        label: { zh: '项目简介', en: 'Project summary' },
        maxLength: 2_000,
      },
      {
        name: 'achievementSource',
        type: 'enum',
        required: true,
        label: { zh: '成果来源', en: 'Source of the achievement' },
        options: ['university', 'research-institute', 'enterprise', 'other'],
        optionLabels: {
          university: { zh: '高等院校', en: 'University' },
          'research-institute': { zh: '科研院所', en: 'Research institute' },
          enterprise: { zh: '企业自主研发', en: 'Enterprise' },
          other: { zh: '其他', en: 'Other' },
        },
      },
      {
        name: 'implementedInZone',
        type: 'boolean',
        required: true,
        label: { zh: '是否在园区内实施', en: 'Carried out in the zone' },
      },
      {
        name: 'totalInvestmentFen',
        type: 'money_fen',
        required: true,
        label: { zh: '项目总投入（分）', en: 'Total project investment (fen)' },
      },
    ],
  }),

  withProcess('never', {
    ...base,
    code: `${ZONE}.future-industry`,
    title: { zh: '未来产业培育奖励', en: 'Future industry reward' },
    summary: {
      zh: '经评估认定的未来产业企业，按年度销售收入同比增量的 5% 给予支持，每家企业最高 1000 万元（免申即享）。',
      en: 'Recognised future-industry enterprises: 5% of the year-on-year increase in annual sales revenue, at most 10,000,000 yuan per enterprise (granted without application).',
    },
    category: 'future-industry',
    mode: 'auto',
    beneficiary: 'enterprise',
    period: 'fiscal-year',
    parameters: {
      capFen: sourced(
        1_000 * YUAN_10K,
        'fen',
        { zh: '每家企业奖励上限', en: 'Maximum per enterprise' },
        '"Maximum reward of 10 million yuan per enterprise": applied per enterprise per fiscal year, as the measure is annual.',
      ),
    },
    eligibility: [
      {
        id: 'recognised-future-industry-enterprise',
        rule: {
          date_on_or_before: [
            { var: 'facts.future_industry_recognition.latest.recognisedOn' },
            { fiscal_year_end: [{ var: 'fy' }] },
          ],
        },
        reason: {
          zh: '须在{fy}年度末前被认定为未来产业企业',
          en: 'The enterprise must be recognised as a future-industry enterprise by the end of fiscal year {fy}',
        },
      },
    ],
    amount: {
      kind: 'percentage-of-increase',
      currentFrom: { fact: 'sales_revenue_fen', period: 'fy' },
      previousFrom: { fact: 'sales_revenue_fen', period: 'prev' },
      rateBasisPoints: 500,
      capFen: { param: 'capFen' },
    },
    caps: { perEnterprisePerFiscalYearFen: { param: 'capFen' } },
  }),

  withProcess('above', {
    ...base,
    code: `${ZONE}.equipment-upgrade`,
    dedupFormFields: ['projectName'],
    title: { zh: '设备更新改造奖励', en: 'Equipment upgrade reward' },
    summary: {
      zh: '年度新增设备投资 500 万元及以上的项目，按设备投资的 10% 给予支持，单个项目最高 1000 万元。',
      en: 'Projects with at least 5,000,000 yuan of new equipment investment in the year: 10% of it, at most 10,000,000 yuan per project.',
    },
    category: 'equipment',
    mode: 'apply',
    beneficiary: 'enterprise',
    period: 'fiscal-year',
    eligibility: [
      {
        id: 'invested-in-fiscal-year',
        rule: { '==': [{ var: 'form.investmentYear' }, { var: 'fy' }] },
        reason: {
          zh: '设备投资须发生在{fy}年度',
          en: 'The equipment investment must be made in fiscal year {fy}',
        },
      },
    ],
    amount: {
      kind: 'percentage-of-base',
      baseFrom: { form: 'newEquipmentInvestmentFen' },
      rateBasisPoints: 1_000,
      minBaseFen: 500 * YUAN_10K,
      capFen: 1_000 * YUAN_10K,
    },
    documents: [
      documentRequirement('equipment-invoices', '设备购置发票', 'Equipment purchase invoices'),
      documentRequirement('equipment-list', '新增设备清单', 'List of new equipment'),
      documentRequirement('project-filing', '技术改造项目备案文件', 'Technical-upgrade project filing'),
    ],
    formFields: [
      {
        name: 'projectName',
        type: 'string',
        required: true,
        label: { zh: '项目名称', en: 'Project name' },
        maxLength: 100,
      },
      {
        name: 'investmentYear',
        type: 'integer',
        required: true,
        label: { zh: '投资年度', en: 'Year of the investment' },
        min: 2000,
        max: 2100,
      },
      {
        name: 'newEquipmentInvestmentFen',
        type: 'money_fen',
        required: true,
        label: { zh: '年度新增设备投资（分）', en: 'New equipment investment in the year (fen)' },
      },
    ],
  }),

  withProcess('never', {
    ...base,
    code: `${ZONE}.little-giant`,
    title: { zh: '国家级专精特新“小巨人”企业奖励', en: 'National "little giant" enterprise reward' },
    summary: {
      zh: '新认定为国家级专精特新“小巨人”的企业，给予一次性奖励（金额为参数；与单项冠军奖励就高不重复）。',
      en: 'A one-off reward for enterprises newly recognised as national specialised and innovative "little giants" (the amount is a parameter; not combined with the single champion reward — the higher applies).',
    },
    category: 'recognition',
    mode: 'auto',
    beneficiary: 'enterprise',
    period: 'once',
    exclusivityGroup: NATIONAL_HONOURS_GROUP,
    parameters: {
      rewardFen: assumption(
        50 * YUAN_10K,
        'fen',
        { zh: '奖励金额', en: 'Reward' },
        'The measures offer "varying levels of rewards" without figures. Default: 500,000 yuan.',
      ),
    },
    eligibility: [
      {
        id: 'newly-recognised-in-fiscal-year',
        rule: {
          date_in_fiscal_year: [{ var: 'facts.little_giant_recognition.latest.recognisedOn' }, { var: 'fy' }],
        },
        reason: {
          zh: '须于{fy}年度新认定为国家级专精特新“小巨人”企业',
          en: 'The enterprise must be newly recognised as a national "little giant" in fiscal year {fy}',
        },
      },
    ],
    amount: { kind: 'fixed', amountFen: { param: 'rewardFen' } },
  }),

  withProcess('never', {
    ...base,
    code: `${ZONE}.single-champion`,
    title: { zh: '国家级制造业单项冠军企业奖励', en: 'National manufacturing single champion reward' },
    summary: {
      zh: '新认定为国家级制造业单项冠军的企业，给予一次性奖励（金额为参数；与“小巨人”奖励就高不重复）。',
      en: 'A one-off reward for enterprises newly recognised as national manufacturing "single champions" (the amount is a parameter; not combined with the little giant reward — the higher applies).',
    },
    category: 'recognition',
    mode: 'auto',
    beneficiary: 'enterprise',
    period: 'once',
    exclusivityGroup: NATIONAL_HONOURS_GROUP,
    parameters: {
      rewardFen: assumption(
        100 * YUAN_10K,
        'fen',
        { zh: '奖励金额', en: 'Reward' },
        'The measures offer "varying levels of rewards" without figures. Default: 1,000,000 yuan, above the little giant reward as the rarer national honour.',
      ),
    },
    eligibility: [
      {
        id: 'newly-recognised-in-fiscal-year',
        rule: {
          date_in_fiscal_year: [
            { var: 'facts.single_champion_recognition.latest.recognisedOn' },
            { var: 'fy' },
          ],
        },
        reason: {
          zh: '须于{fy}年度新认定为国家级制造业单项冠军企业',
          en: 'The enterprise must be newly recognised as a national manufacturing single champion in fiscal year {fy}',
        },
      },
    ],
    amount: { kind: 'fixed', amountFen: { param: 'rewardFen' } },
  }),
];
