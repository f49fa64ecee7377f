import { zhCN } from 'zod/locales';
import type { z } from 'zod';
import type { Issue } from './issues';
import type { LocalizedText } from './localized-text';

/**
 * The Chinese of every problem a program definition can have (policy admins read them at the field
 * of the draft editor). The checks speak English (`Issue.message`, kept for logs and clients); each
 * English form is matched here and given its Chinese, with its parameters carried over. A message not
 * in this table still reaches the admin, prefixed in Chinese, and a test lists the checks' messages so
 * that a new one without Chinese is noticed.
 */
const WHAT: Record<string, string> = {
  'a length': '长度（整数）',
  'a number of working days': '工作日天数（整数）',
  'a number of years': '年数（整数）',
  'a positive integer': '正整数',
  'a safe integer (no fractions: scale the unit instead)': '整数（不能有小数：请改用更小的单位）',
  'a safe integer': '整数',
  'a size in bytes': '字节数（整数）',
  'an amount in fen (a non-negative safe integer)': '以分为单位的非负整数金额',
  'an amount in fen (a non-negative integer)': '以分为单位的非负整数金额',
  'an amount in fen': '以分为单位的金额',
  'basis points (an integer)': '基点（整数，1% = 100 基点）',
  'a rate in basis points': '以基点表示的比例',
  'an integer': '整数',
  'a date YYYY-MM-DD': '日期（YYYY-MM-DD）',
  'a real date YYYY-MM-DD': '有效日期（YYYY-MM-DD）',
  'a string': '文本',
  'a fact key': '数据项名称',
  'a form field name': '申请表字段名',
  'a literal variable path': '字面量变量路径',
  'an integer, a string or a boolean': '整数、文本或布尔值',
  'a media type such as application/pdf': '文件类型，例如 application/pdf',
  'an area in whole square metres': '以平方米为单位的整数面积',
  'a safe integer number of fen': '以分为单位的整数金额',
  'whole square metres': '整数平方米',
  '{ fact, period?, field? }, { form } or { param }': '{ fact, period?, field? }、{ form } 或 { param }',
};
const what = (w: string) => WHAT[w] ?? w;

type Rule = [RegExp, (...groups: string[]) => string];

const RULES: Rule[] = [
  [/^unknown field$/, () => '未知字段'],
  [/^invalid name: (.*)$/, (d) => `名称无效：${d}`],
  [/^must start with the zone code "(.*)"$/, (p) => `必须以园区代码“${p}”开头`],
  [/^must be after effectiveFrom$/, () => '必须晚于生效日期（effectiveFrom）'],
  [
    /^an assumption must carry a note saying what the source leaves open$/,
    () => '假设值必须附说明，写明原文未确定的内容',
  ],
  [/^an amount in fen must be a non-negative integer$/, () => '以分为单位的金额必须是非负整数'],
  [/^a rate must be an integer from 0 to (\d+) basis points$/, (n) => `比例必须是 0 到 ${n} 之间的整数基点`],
  [/^a date parameter must be a real date YYYY-MM-DD$/, () => '日期参数必须是有效日期（YYYY-MM-DD）'],
  [/^a value in thousandths must be an integer$/, () => '千分比数值必须是整数'],
  [/^"(.*)" is not a declared form field$/, (n) => `“${n}”不是已声明的申请表字段`],
  [/^"(.*)" must be a required form field$/, (n) => `“${n}”必须是必填的申请表字段`],
  [/^duplicate form field "(.*)"$/, (n) => `申请表字段“${n}”重复`],
  [/^an enum needs options$/, () => '选择题必须有选项'],
  [/^options must be unique$/, () => '选项不能重复'],
  [/^"(.*)" is not one of the options$/, (n) => `“${n}”不是选项之一`],
  [/^only enum fields have options$/, () => '只有选择题字段才有选项'],
  [/^only enum fields have option labels$/, () => '只有选择题字段才有选项名称'],
  [/^only integer, money_fen and area_m2 fields have (.*)$/, (b) => `只有整数、金额和面积字段才有 ${b}`],
  [/^must not be negative$/, () => '不能为负数'],
  [/^must not be below min$/, () => '不能小于最小值（min）'],
  [/^only string and text fields have maxLength$/, () => '只有文本字段才有最大长度（maxLength）'],
  [/^duplicate clause id "(.*)"$/, (n) => `条件编号“${n}”重复`],
  [/^tier "(.*)" has no amount in amount\.tiers$/, (n) => `档次“${n}”在 amount.tiers 中没有金额`],
  [/^an installment base must be a fiscal-year fact$/, () => '分期计算基数必须是按财年的数据项'],
  [
    /^installment year Y reads year Y-1: omit period or use prev$/,
    () => '第 Y 年分期读取第 Y-1 年数据：请省略 period 或使用 prev',
  ],
  [/^must yield (.*), but yields (.*)$/, (a, b) => `应得出${what(a)}，实际得出 ${b}`],
  [/^declare at least one tier$/, () => '至少声明一个档次'],
  [/^no amount for tier "(.*)"$/, (n) => `档次“${n}”没有金额`],
  [/^"(.*)" is not a possible tier \((.*)\)$/, (n, o) => `“${n}”不是可能的档次（${o}）`],
  [
    /^an installments-of-prior-year amount needs installments: \{ years \}$/,
    () => '按上年分期的金额需要 installments: { years }',
  ],
  [
    /^only installments-of-prior-year amounts are paid in installments$/,
    () => '只有按上年分期的金额才分期支付',
  ],
  [/^must equal amount\.years \((.*)\)$/, (n) => `必须等于 amount.years（${n}）`],
  [/^required when expertReview is "above"$/, () => '专家评审为“超过金额时”（above）时必填'],
  [/^only used when expertReview is "above"$/, () => '仅在专家评审为“超过金额时”（above）时使用'],
  [/^auto programs have no application form$/, () => '免申即享项目没有申请表'],
  [/^auto programs need a deadline for the enterprise to confirm$/, () => '免申即享项目需要企业确认的期限'],
  [/^commitment programs need a deadline for post-verification$/, () => '告知承诺制项目需要事后核查的期限'],
  [/^a per-person cap needs a person or investor beneficiary$/, () => '按人封顶需要受益对象为个人或投资人'],
  [/^duplicate document type "(.*)"$/, (n) => `材料类型“${n}”重复`],
  [/^every option needs a label \{zh, en\}$/, () => '每个选项都需要中英文名称 {zh, en}'],
  [/^unknown parameter "(.*)"$/, (n) => `未知参数“${n}”`],
  [
    /^parameter "(.*)" is used as (.*) but is not a number$/,
    (n, w) => `参数“${n}”用作${what(w)}，但不是数字`,
  ],
  [
    /^parameter "(.*)" is used as (.*): declare unit "(.*)"$/,
    (n, w, u) => `参数“${n}”用作${what(w)}：请声明单位“${u}”`,
  ],
  [
    /^parameter "(.*)" is used as (.*): its value (.*) must be an integer from (.*) to (.*)$/,
    (n, w, v, lo, hi) => `参数“${n}”用作${what(w)}：其值 ${v} 必须是 ${lo} 到 ${hi} 之间的整数`,
  ],
  [/^rule nesting deeper than (\d+) levels$/, (n) => `规则嵌套超过 ${n} 层`],
  [/^a rule node must have exactly one operator key$/, () => '规则的每个节点必须恰好有一个运算符'],
  [/^unknown or disallowed operation "(.*)"$/, (o) => `未知或不允许的运算“${o}”`],
  [/^missing_some takes \[count, \[paths\]\]$/, () => 'missing_some 的参数为 [数量, [路径]]'],
  [/^var takes a path and an optional default$/, () => 'var 的参数为路径和可选的默认值'],
  [/^var takes a literal path$/, () => 'var 的路径必须是字面量'],
  [/^var takes a literal, non-empty path string$/, () => 'var 的路径必须是非空的字面量文本'],
  [/^"(.*)": expected (params\.<name>|form\.<field>|facts\..*)$/, (p, e) => `“${p}”：应为 ${e}`],
  [
    /^"(.*)": the period must be fy, prev, latest or a year such as 2024$/,
    (p) => `“${p}”：期间必须是 fy、prev、latest 或年份（如 2024）`,
  ],
  [/^unknown fact key "(.*)"$/, (k) => `未知的数据项“${k}”`],
  [/^"form\.(.*)": auto programs have no application form$/, (n) => `“form.${n}”：免申即享项目没有申请表`],
  [/^form field "(.*)" is not declared in formFields$/, (n) => `申请表字段“${n}”未在 formFields 中声明`],
  [/^fact "(.*)" has no period: read it as latest$/, (k) => `数据项“${k}”没有期间：请按 latest 读取`],
  [
    /^fact "(.*)" is per person: only programs whose beneficiary is a person may read it$/,
    (k) => `数据项“${k}”按人记录：只有受益对象为个人的项目才能读取`,
  ],
  [
    /^fact "(.*)" has no field "(.*)" \(fields: (.*)\)$/,
    (k, f, all) => `数据项“${k}”没有字段“${f}”（可用字段：${all}）`,
  ],
  [
    /^fact "(.*)" is a single value: it has no field "(.*)"$/,
    (k, f) => `数据项“${k}”是单个值，没有字段“${f}”`,
  ],
  [/^expected one of (.*)$/, (o) => `应为以下之一：${o}`],
  [/^expected (.*) or \{ param: name \}$/, (w) => `应为${what(w)}或 { param: 参数名 }`],
  [/^expected a code such as (.*)$/, (c) => `应为代码，例如 ${c}`],
  [/^expected a zone code such as (.*)$/, (c) => `应为园区代码，例如 ${c}`],
  [/^expected (.*)$/, (w) => `应为${what(w)}`],
];

/** The Chinese of one English definition message, or null when the table does not know it. */
export function chineseDefinitionMessage(english: string): string | null {
  for (const [pattern, render] of RULES) {
    const match = pattern.exec(english);
    if (match) return render(...match.slice(1));
  }
  return null;
}

const zodChinese = zhCN().localeError;

/** The Chinese of a zod built-in issue (wrong type, unknown option, too small...) in zod's own wording. */
export function chineseZodMessage(issue: z.core.$ZodIssue): string | null {
  const out = zodChinese(issue as never);
  if (typeof out === 'string') return out;
  return out && typeof out === 'object' && 'message' in out ? String(out.message) : null;
}

/** What a policy admin reads for a definition issue: its Chinese, and its English message. */
export function definitionIssueText(issue: Issue): LocalizedText {
  if (issue.text) return issue.text;
  const zh = chineseDefinitionMessage(issue.message);
  return { zh: zh ?? `不符合要求：${issue.message}`, en: issue.message };
}
