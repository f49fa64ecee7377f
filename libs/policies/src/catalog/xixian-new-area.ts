import type { ProgramDefinitionInput } from '../program-definition';
import { assumption, documentRequirement, sourced, withProcess } from './shared';

/**
 * Xixian New Area — Qinchuangyuan (seed 002, 21 March 2022). The 15 inclusive measures were
 * published during the year before the article (Qinchuangyuan construction started in March 2021,
 * used as their effective date); the Innovative Talents Plan was released on 14 March 2022.
 */
const ZONE = 'xixian-new-area';

const inclusiveMeasures = {
  code: `${ZONE}.qinchuangyuan-inclusive-measures`,
  title: { zh: '秦创原总窗口普惠性政策措施', en: 'Qinchuangyuan inclusive policy measures' },
  role: 'main',
} as const;

const talentsPlan = {
  code: `${ZONE}.qinchuangyuan-innovative-talents-plan`,
  title: { zh: '秦创原创新人才计划', en: 'Qinchuangyuan Innovative Talents Plan' },
  role: 'specialised',
} as const;

const YUAN_10K = 10_000 * 100;

export const XIXIAN_PROGRAMS: ProgramDefinitionInput[] = [
  withProcess('never', {
    code: `${ZONE}.innovative-talents-plan`,
    zone: ZONE,
    version: 1,
    effectiveFrom: '2022-03-14',
    effectiveTo: null,
    policyDocument: talentsPlan,
    title: { zh: '秦创原创新人才计划奖励', en: 'Innovative Talents Plan reward' },
    summary: {
      zh: '经认定的人才，连续三年按其上一年度个人地方财政贡献的 100% 给予奖励（分三期，每期按当年数据计算，免申即享）。',
      en: "A recognised talent receives 100% of their previous year's personal local fiscal contribution for three consecutive years (three installments, each computed from that year's tax data; granted without application).",
    },
    category: 'talent',
    mode: 'auto',
    beneficiary: 'person',
    period: 'once',
    parameters: {
      recognitionProgramme: sourced(
        'qinchuangyuan-innovative-talents',
        undefined,
        { zh: '人才认定计划标识', en: 'Identifier of the recognition programme' },
        'The programme value human-resources feeds put on talent_recognition facts for this plan.',
      ),
      firstInstallmentOffsetYears: assumption(
        1,
        'years',
        { zh: '首期年度距认定年度的年数', en: 'Years from recognition to the first installment year' },
        'The seed says "three consecutive years, based on the previous year’s contribution" without saying when the first year is. Default: the fiscal year after recognition, so the first installment is based on the year of recognition.',
      ),
    },
    eligibility: [
      {
        id: 'recognised-under-the-plan',
        rule: {
          '==': [
            { var: 'facts.talent_recognition.latest.programme' },
            { var: 'params.recognitionProgramme' },
          ],
        },
        reason: {
          zh: '须经秦创原创新人才计划认定',
          en: 'The person must be recognised under the Qinchuangyuan Innovative Talents Plan',
        },
      },
      {
        id: 'recognised-by-evaluation-date',
        rule: {
          date_on_or_before: [{ var: 'facts.talent_recognition.latest.recognisedOn' }, { var: 'asOf' }],
        },
        reason: { zh: '认定日期不得晚于 {asOf}', en: 'The recognition must date from {asOf} or before' },
      },
      {
        id: 'plan-starts-in-fiscal-year',
        rule: {
          '==': [
            {
              '+': [
                { year_of: [{ var: 'facts.talent_recognition.latest.recognisedOn' }] },
                { var: 'params.firstInstallmentOffsetYears' },
              ],
            },
            { var: 'fy' },
          ],
        },
        reason: {
          zh: '首期年度须为认定年度后第 {params.firstInstallmentOffsetYears} 年（评估年度：{fy}）',
          en: 'The first installment year must be {params.firstInstallmentOffsetYears} year(s) after the year of recognition (evaluated: fiscal year {fy})',
        },
      },
    ],
    amount: {
      kind: 'installments-of-prior-year',
      baseFrom: { fact: 'personal_tax_contribution_fen' },
      rateBasisPoints: 10_000,
      years: 3,
    },
    installments: { years: 3 },
  }),

  withProcess('never', {
    code: `${ZONE}.talent-project-co-funding`,
    dedupFormFields: ['fundingDocumentNo'],
    zone: ZONE,
    version: 1,
    effectiveFrom: '2022-03-14',
    effectiveTo: null,
    policyDocument: talentsPlan,
    title: { zh: '人才项目配套资助', en: 'Talent project co-funding' },
    summary: {
      zh: '获国家、省、市资助的人才项目，按项目总额的 50% 给予配套资助，最高 100 万元（以股权投资与财政资助相结合方式支持，本项目为财政资助部分）。',
      en: 'Talent projects funded by national, provincial or municipal authorities: up to 50% of the project total, at most 1,000,000 yuan (support combines equity investment and financial aid; this program is the aid).',
    },
    category: 'talent-project',
    mode: 'apply',
    beneficiary: 'enterprise',
    period: 'once',
    eligibility: [
      {
        id: 'funded-by-eligible-authority',
        rule: { in: [{ var: 'form.fundingAuthorityLevel' }, ['national', 'provincial', 'municipal']] },
        reason: {
          zh: '项目须获国家、省或市级资助',
          en: 'The project must be funded by a national, provincial or municipal authority',
        },
      },
    ],
    amount: {
      kind: 'percentage-of-base',
      baseFrom: { form: 'projectTotalFen' },
      rateBasisPoints: 5_000,
      capFen: 100 * YUAN_10K,
    },
    documents: [
      documentRequirement(
        'funding-document',
        '上级资助（立项）文件',
        'Funding (approval) document of the authority',
      ),
      documentRequirement('project-budget', '项目预算', 'Project budget'),
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
        name: 'fundingAuthorityLevel',
        type: 'enum',
        required: true,
        label: { zh: '资助部门级别', en: 'Level of the funding authority' },
        options: ['national', 'provincial', 'municipal', 'district', 'none'],
        optionLabels: {
          national: { zh: '国家级', en: 'National' },
          provincial: { zh: '省级', en: 'Provincial' },
          municipal: { zh: '市级', en: 'Municipal' },
          district: { zh: '区级', en: 'District' },
          none: { zh: '无', en: 'None' },
        },
      },
      {
        name: 'projectTotalFen',
        type: 'money_fen',
        required: true,
        label: { zh: '项目总额（分）', en: 'Project total (fen)' },
        min: 1,
      },
      {
        name: 'fundingDocumentNo',
        type: 'string',
        required: true,
        label: { zh: '资助文件文号', en: 'Funding document number' },
        maxLength: 64,
      },
    ],
  }),

  withProcess('above', {
    code: `${ZONE}.technology-project-introduction`,
    dedupFormFields: ['projectName'],
    zone: ZONE,
    version: 1,
    effectiveFrom: '2021-03-01',
    effectiveTo: null,
    policyDocument: inclusiveMeasures,
    title: { zh: '科技项目引进奖励', en: 'Technology project introduction reward' },
    summary: {
      zh: '引进科技项目落户秦创原总窗口的投资人，企业设立并达到约定产能后，按实际投资额的 1% 给予奖励，最高 300 万元。',
      en: 'An investor who brings a technology project to the Qinchuangyuan head office gets 1% of the actual investment, at most 3,000,000 yuan, once the enterprise is established and reaches its agreed production capacity.',
    },
    category: 'investment-introduction',
    mode: 'apply',
    beneficiary: 'investor',
    period: 'once',
    eligibility: [
      {
        id: 'enterprise-established',
        rule: { date_on_or_before: [{ var: 'facts.established_on.latest' }, { var: 'asOf' }] },
        reason: { zh: '项目企业须已设立', en: 'The project enterprise must be established' },
      },
      {
        id: 'agreed-capacity-reached',
        rule: {
          date_on_or_before: [{ var: 'facts.agreed_capacity_reached.latest.reachedOn' }, { var: 'asOf' }],
        },
        reason: {
          zh: '项目须达到约定产能',
          en: 'The project must have reached its agreed production capacity',
        },
      },
      {
        id: 'investor-identified',
        whenMissing: 'evaluate',
        rule: {
          if: [
            { '==': [{ var: 'form.investorType' }, 'enterprise'] },
            { '!!': [{ var: 'form.investorCreditCode' }] },
            { '!!': [{ var: 'form.investorIdNumber' }] },
          ],
        },
        reason: {
          zh: '须提供投资人的统一社会信用代码（企业）或身份证号码（个人）',
          en: "The investor's unified social credit code (enterprise) or resident ID number (person) is required",
        },
      },
    ],
    amount: {
      kind: 'percentage-of-base',
      baseFrom: { fact: 'actual_investment_fen' },
      rateBasisPoints: 100,
      capFen: 300 * YUAN_10K,
    },
    documents: [
      documentRequirement(
        'investment-agreement',
        '投资协议（含约定产能）',
        'Investment agreement (with the agreed capacity)',
      ),
      documentRequirement('investment-evidence', '实际投资到位证明', 'Evidence of the actual investment'),
      documentRequirement(
        'capacity-acceptance',
        '达产验收材料',
        'Evidence that the agreed capacity was reached',
      ),
    ],
    formFields: [
      {
        name: 'investorName',
        type: 'string',
        required: true,
        label: { zh: '投资人名称', en: "Investor's name" },
        maxLength: 100,
      },
      {
        name: 'investorType',
        type: 'enum',
        required: true,
        label: { zh: '投资人类型', en: 'Investor type' },
        options: ['enterprise', 'person'],
        optionLabels: {
          enterprise: { zh: '企业', en: 'Enterprise' },
          person: { zh: '个人', en: 'Individual' },
        },
      },
      {
        name: 'investorCreditCode',
        type: 'uscc',
        required: false,
        label: { zh: '投资人统一社会信用代码', en: "Investor's unified social credit code" },
      },
      {
        name: 'investorIdNumber',
        type: 'id_number',
        required: false,
        label: { zh: '投资人身份证号码', en: "Investor's resident ID number" },
      },
      {
        name: 'projectName',
        type: 'string',
        required: true,
        label: { zh: '项目名称', en: 'Project name' },
        maxLength: 100,
      },
    ],
  }),
];
