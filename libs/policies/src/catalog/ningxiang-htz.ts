import type { ProgramDefinitionInput } from '../program-definition';
import { assumption, documentRequirement, sourced, withProcess } from './shared';

/**
 * Ningxiang High-tech Zone — "One Park, One Center" preferential policies (seed 000, published
 * 24 May 2021; that date is used as the effective date because the seed gives no other).
 */
const ZONE = 'ningxiang-htz';
const EFFECTIVE_FROM = '2021-05-24';

const policyDocument = {
  code: `${ZONE}.one-park-one-center`,
  title: { zh: '“一园一中心”优惠政策', en: '"One Park, One Center" preferential policies' },
  role: 'main',
} as const;

const base = {
  zone: ZONE,
  version: 1,
  effectiveFrom: EFFECTIVE_FROM,
  effectiveTo: null,
  policyDocument,
} as const;

const ONE_YUAN = 100;
const YUAN_10K = 10_000 * ONE_YUAN;

export const NINGXIANG_PROGRAMS: ProgramDefinitionInput[] = [
  withProcess('never', {
    ...base,
    code: `${ZONE}.talent-introduction`,
    title: { zh: '人才引进补贴', en: 'Talent introduction subsidy' },
    summary: {
      zh: '引进领军人才每人 100 万元，管理或研究型人才每人 50 万元，专业技术人才每人 10 万元；同一人只享受一次。',
      en: 'Per person introduced: leading talent 1,000,000 yuan; management or research talent 500,000 yuan; professional technician 100,000 yuan. One person, one award.',
    },
    category: 'talent',
    mode: 'apply',
    beneficiary: 'person',
    period: 'once',
    parameters: {
      introducedOnOrAfter: assumption(
        EFFECTIVE_FROM,
        'date',
        { zh: '须在此日期及以后引进', en: 'Introduced on or after this date' },
        'The seed does not say how recently a talent must have joined; default: on or after the policy took effect.',
      ),
    },
    eligibility: [
      {
        id: 'introduced-after-policy',
        rule: { date_on_or_after: [{ var: 'form.joinedOn' }, { var: 'params.introducedOnOrAfter' }] },
        reason: {
          zh: '人才须于 {params.introducedOnOrAfter} 及以后引进',
          en: 'The talent must have joined on or after {params.introducedOnOrAfter}',
        },
      },
      {
        id: 'already-joined',
        rule: { date_on_or_before: [{ var: 'form.joinedOn' }, { var: 'asOf' }] },
        reason: {
          zh: '人才须已到岗（到岗日期不晚于 {asOf}）',
          en: 'The talent must already have joined (by {asOf})',
        },
      },
    ],
    amount: {
      kind: 'fixed-by-tier',
      tierFrom: { form: 'tier' },
      tiers: {
        leading: 100 * YUAN_10K,
        'management-or-research': 50 * YUAN_10K,
        'professional-technician': 10 * YUAN_10K,
      },
    },
    caps: { perPersonFen: 100 * YUAN_10K },
    documents: [
      documentRequirement('id-card', '身份证复印件', 'Copy of the resident ID card'),
      documentRequirement('labour-contract', '劳动合同', 'Labour contract'),
      documentRequirement('talent-tier-evidence', '人才层次证明材料', 'Evidence of the talent tier'),
    ],
    formFields: [
      {
        name: 'talentName',
        type: 'string',
        required: true,
        label: { zh: '人才姓名', en: "Talent's name" },
        maxLength: 50,
      },
      {
        name: 'idNumber',
        type: 'id_number',
        required: true,
        label: { zh: '身份证号码', en: 'Resident ID number' },
      },
      {
        name: 'tier',
        type: 'enum',
        required: true,
        label: { zh: '人才层次', en: 'Talent tier' },
        options: ['leading', 'management-or-research', 'professional-technician'],
        optionLabels: {
          leading: { zh: '领军人才', en: 'Leading talent' },
          'management-or-research': { zh: '管理或研发人才', en: 'Management or research talent' },
          'professional-technician': { zh: '专业技术人才', en: 'Professional technician' },
        },
      },
      { name: 'joinedOn', type: 'date', required: true, label: { zh: '到岗日期', en: 'Date joined' } },
      {
        name: 'position',
        type: 'string',
        required: false,
        label: { zh: '岗位', en: 'Position' },
        maxLength: 100,
      },
    ],
  }),

  withProcess('never', {
    ...base,
    code: `${ZONE}.platform-construction`,
    dedupFormFields: ['approvalDocumentNo'],
    title: { zh: '平台建设补贴', en: 'Platform construction subsidy' },
    summary: {
      zh: '国家级、省级、市级创新平台分别补贴 200 万元、100 万元、50 万元；新设博士后科研工作站、院士专家工作站补贴 100 万元。',
      en: 'National, provincial and municipal innovation platforms: 2,000,000, 1,000,000 and 500,000 yuan; newly established postdoctoral research stations and academician/expert workstations: 1,000,000 yuan.',
    },
    category: 'platform',
    mode: 'apply',
    beneficiary: 'enterprise',
    // One award per platform: each platform is its own application.
    period: 'once',
    parameters: {
      recognisedOnOrAfter: assumption(
        EFFECTIVE_FROM,
        'date',
        { zh: '平台须在此日期及以后获批', en: 'Platform recognised on or after this date' },
        'The seed speaks of "newly established" stations but sets no window; default: recognised on or after the policy took effect.',
      ),
    },
    eligibility: [
      {
        id: 'recognised-after-policy',
        rule: { date_on_or_after: [{ var: 'form.recognisedOn' }, { var: 'params.recognisedOnOrAfter' }] },
        reason: {
          zh: '平台须于 {params.recognisedOnOrAfter} 及以后获批',
          en: 'The platform must have been recognised on or after {params.recognisedOnOrAfter}',
        },
      },
      {
        id: 'already-recognised',
        rule: { date_on_or_before: [{ var: 'form.recognisedOn' }, { var: 'asOf' }] },
        reason: {
          zh: '平台须已获批（不晚于 {asOf}）',
          en: 'The platform must already be recognised (by {asOf})',
        },
      },
    ],
    amount: {
      kind: 'fixed-by-tier',
      tierFrom: { form: 'platformType' },
      tiers: {
        'national-platform': 200 * YUAN_10K,
        'provincial-platform': 100 * YUAN_10K,
        'municipal-platform': 50 * YUAN_10K,
        'postdoctoral-station': 100 * YUAN_10K,
        'academician-workstation': 100 * YUAN_10K,
      },
    },
    documents: [
      documentRequirement('recognition-document', '平台认定（批复）文件', 'Recognition (approval) document'),
      documentRequirement('platform-overview', '平台建设情况说明', 'Description of the platform', false),
    ],
    formFields: [
      {
        name: 'platformName',
        type: 'string',
        required: true,
        label: { zh: '平台名称', en: 'Platform name' },
        maxLength: 100,
      },
      {
        name: 'platformType',
        type: 'enum',
        required: true,
        label: { zh: '平台类型', en: 'Platform type' },
        options: [
          'national-platform',
          'provincial-platform',
          'municipal-platform',
          'postdoctoral-station',
          'academician-workstation',
        ],
        optionLabels: {
          'national-platform': { zh: '国家级平台', en: 'National platform' },
          'provincial-platform': { zh: '省级平台', en: 'Provincial platform' },
          'municipal-platform': { zh: '市级平台', en: 'Municipal platform' },
          'postdoctoral-station': { zh: '新设博士后科研工作站', en: 'New postdoctoral research station' },
          'academician-workstation': { zh: '新设院士专家工作站', en: 'New academician/expert workstation' },
        },
      },
      {
        name: 'recognisedOn',
        type: 'date',
        required: true,
        label: { zh: '获批日期', en: 'Date recognised' },
      },
      {
        name: 'approvalDocumentNo',
        type: 'string',
        required: true,
        label: { zh: '批复文号', en: 'Approval document number' },
        maxLength: 64,
      },
    ],
  }),

  withProcess('never', {
    ...base,
    code: `${ZONE}.multi-storey-plant`,
    dedupFormFields: ['propertyCertificateNo'],
    title: { zh: '多层厂房建设补贴', en: 'Multi-storey plant subsidy' },
    summary: {
      zh: '容积率高于 1.5 的，二层及以上车间按建筑面积每平方米补贴 50 元。',
      en: 'Where the plot ratio is above 1.5: 50 yuan per m² of workshop floor area on the 2nd floor or higher.',
    },
    category: 'plant',
    mode: 'apply',
    beneficiary: 'enterprise',
    period: 'once',
    parameters: {
      minPlotRatioMilli: sourced(
        1500,
        'milli',
        { zh: '容积率须高于此值（×1000）', en: 'Plot ratio must be above this (×1000)' },
        '"Above 1.5": exactly 1.5 does not qualify.',
      ),
      rateFenPerM2: sourced(50 * ONE_YUAN, 'fen', { zh: '每平方米补贴', en: 'Subsidy per m²' }),
    },
    eligibility: [
      {
        id: 'plot-ratio-above-minimum',
        rule: { '>': [{ var: 'facts.plot_ratio_milli.latest' }, { var: 'params.minPlotRatioMilli' }] },
        reason: {
          zh: '容积率须高于 {params.minPlotRatioMilli}',
          en: 'The plot ratio must be above {params.minPlotRatioMilli}',
        },
      },
      {
        id: 'has-upper-floor-workshops',
        rule: { '>': [{ var: 'facts.upper_floor_workshop_area_m2.latest' }, 0] },
        reason: {
          zh: '须有二层及以上车间',
          en: 'There must be workshop floor area on the 2nd floor or higher',
        },
      },
    ],
    amount: {
      kind: 'rate-per-unit',
      rateFen: { param: 'rateFenPerM2' },
      quantityFrom: { fact: 'upper_floor_workshop_area_m2' },
    },
    documents: [
      documentRequirement('property-certificate', '不动产权证书', 'Real-estate title certificate'),
      documentRequirement(
        'planning-permit',
        '建设工程规划许可证（含容积率）',
        'Construction planning permit (with plot ratio)',
      ),
      documentRequirement('floor-plans', '分层平面图', 'Floor plans', false),
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
        name: 'propertyCertificateNo',
        type: 'string',
        required: true,
        label: { zh: '不动产权证号', en: 'Title certificate number' },
        maxLength: 64,
      },
    ],
  }),

  withProcess('never', {
    ...base,
    code: `${ZONE}.standard-plant-rent`,
    dedupFormFields: ['leaseContractNo'],
    title: { zh: '标准厂房租金补贴', en: 'Standard plant rent subsidy' },
    summary: {
      zh: '租用二层及以上标准厂房的，每平方米补贴 5 元（按年度内租赁月数计，计量单位为本系统的解读）。',
      en: 'Standard plant rented on the 2nd floor or higher: 5 yuan per m² (per month of lease in the fiscal year — the unit is an interpretation).',
    },
    category: 'rent',
    mode: 'apply',
    beneficiary: 'enterprise',
    period: 'fiscal-year',
    parameters: {
      rateFenPerM2PerMonth: assumption(
        5 * ONE_YUAN,
        'fen',
        { zh: '每平方米每月补贴', en: 'Subsidy per m² per month of lease' },
        'The seed says "5 yuan per square metre" without a time unit. We read it as per month of lease in the fiscal year (at most 12); if the zone means per year, publish a version without the lease-month multiplier.',
      ),
    },
    eligibility: [
      {
        id: 'rents-upper-floor-standard-plant',
        rule: { '>': [{ var: 'facts.standard_plant_rented_upper_floor_m2.fy' }, 0] },
        reason: {
          zh: '{fy}年度须租用二层及以上标准厂房',
          en: 'The enterprise must rent standard plant on the 2nd floor or higher in fiscal year {fy}',
        },
      },
      {
        id: 'leased-in-fiscal-year',
        rule: { '>=': [{ var: 'facts.lease_months.fy' }, 1] },
        reason: {
          zh: '{fy}年度须有租赁月数',
          en: 'The lease must cover at least one month of fiscal year {fy}',
        },
      },
    ],
    amount: {
      kind: 'rate-per-unit',
      rateFen: { param: 'rateFenPerM2PerMonth' },
      quantityFrom: { fact: 'standard_plant_rented_upper_floor_m2', period: 'fy' },
      multiplierFrom: { fact: 'lease_months', period: 'fy' },
    },
    documents: [
      documentRequirement('lease-contract', '厂房租赁合同', 'Plant lease contract'),
      documentRequirement('rent-payment-vouchers', '租金支付凭证', 'Rent payment vouchers'),
    ],
    formFields: [
      {
        name: 'leaseContractNo',
        type: 'string',
        required: true,
        label: { zh: '租赁合同编号', en: 'Lease contract number' },
        maxLength: 64,
      },
    ],
  }),

  withProcess('above', {
    ...base,
    code: `${ZONE}.equipment-upgrading`,
    dedupFormFields: ['projectName'],
    title: { zh: '设备升级补贴', en: 'Equipment upgrading subsidy' },
    summary: {
      zh: '按年度设备投资额的一定比例补贴，最高 300 万元（比例为参数）。',
      en: 'A share of the fiscal year’s equipment investment, at most 3,000,000 yuan (the rate is a parameter).',
    },
    category: 'equipment',
    mode: 'apply',
    beneficiary: 'enterprise',
    period: 'fiscal-year',
    parameters: {
      rateBasisPoints: assumption(
        1000,
        'bp',
        { zh: '补贴比例', en: 'Subsidy rate' },
        'The seed gives only the 3,000,000-yuan maximum. Default 10%, the rate of the comparable Changsha ETDZ 2025 equipment measure.',
      ),
      capFen: sourced(300 * YUAN_10K, 'fen', { zh: '补贴上限', en: 'Maximum subsidy' }),
    },
    eligibility: [
      {
        id: 'invested-in-equipment',
        rule: { '>': [{ var: 'facts.equipment_investment_fen.fy' }, 0] },
        reason: {
          zh: '{fy}年度须有设备投资',
          en: 'The enterprise must have invested in equipment in fiscal year {fy}',
        },
      },
    ],
    amount: {
      kind: 'percentage-of-base',
      baseFrom: { fact: 'equipment_investment_fen', period: 'fy' },
      rateBasisPoints: { param: 'rateBasisPoints' },
      capFen: { param: 'capFen' },
    },
    caps: { perEnterprisePerFiscalYearFen: { param: 'capFen' } },
    documents: [
      documentRequirement('equipment-invoices', '设备购置发票', 'Equipment purchase invoices'),
      documentRequirement('equipment-list', '设备清单', 'Equipment list'),
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
    ],
  }),

  withProcess('never', {
    ...base,
    code: `${ZONE}.high-tech-enterprise`,
    title: { zh: '高新技术企业奖励', en: 'High-tech enterprise award' },
    summary: {
      zh: '新认定为高新技术企业的，一次性奖励 10 万元（免申即享）。',
      en: 'A one-off 100,000 yuan when certified as a high-tech enterprise (granted without application).',
    },
    category: 'high-tech',
    mode: 'auto',
    beneficiary: 'enterprise',
    period: 'once',
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
    amount: { kind: 'fixed', amountFen: 10 * YUAN_10K },
  }),

  withProcess('never', {
    ...base,
    code: `${ZONE}.listing`,
    title: { zh: '企业上市奖励', en: 'Listing award' },
    summary: {
      zh: '成功上市的企业，一次性奖励 100 万元（免申即享）。新三板挂牌不属于上市。',
      en: 'A one-off 1,000,000 yuan when successfully listed (granted without application). Quotation on the NEEQ is not a listing.',
    },
    category: 'listing',
    mode: 'auto',
    beneficiary: 'enterprise',
    period: 'once',
    eligibility: [
      {
        id: 'listed-in-fiscal-year',
        rule: { date_in_fiscal_year: [{ var: 'facts.listing.latest.listedOn' }, { var: 'fy' }] },
        reason: {
          zh: '须于{fy}年度成功上市',
          en: 'The enterprise must have been listed in fiscal year {fy}',
        },
      },
      {
        id: 'listed-on-a-stock-exchange',
        rule: { '!=': [{ var: 'facts.listing.latest.exchange' }, 'NEEQ'] },
        reason: {
          zh: '须在证券交易所上市（新三板挂牌不计）',
          en: 'The listing must be on a stock exchange (NEEQ quotation does not count)',
        },
      },
    ],
    amount: { kind: 'fixed', amountFen: 100 * YUAN_10K },
  }),
];
