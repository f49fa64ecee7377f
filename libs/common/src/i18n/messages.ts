import type { LocalizedText } from './language';

/**
 * Every message the API shows a person, in both languages. `{name}` marks a parameter; both texts of
 * an entry use the same names (checked by a unit test). An entry without one of its languages does not
 * compile (`satisfies`), and a key that is not here cannot be passed to `localize`/`text`.
 */
export const MESSAGES = {
  // Problem titles, per problem kind.
  'title.not-found': { zh: '未找到', en: 'Not found' },
  'title.conflict': { zh: '操作冲突', en: 'Conflict' },
  'title.already-exists': { zh: '已存在', en: 'Already exists' },
  'title.invalid-input': { zh: '输入有误', en: 'Invalid input' },
  'title.invalid-credentials': { zh: '用户名或密码错误', en: 'Invalid credentials' },
  'title.forbidden': { zh: '无权操作', en: 'Forbidden' },
  'title.stale-version': { zh: '已被他人修改', en: 'Changed by someone else' },
  'title.transition-not-allowed': { zh: '当前状态下不能执行此操作', en: 'Action not allowed in this state' },
  'title.transition-forbidden': { zh: '当前用户不能执行此操作', en: 'Action not allowed for this user' },
  'title.idempotency-key-reused': {
    zh: '幂等键已用于另一个请求',
    en: 'Idempotency key reused with a different request',
  },
  'title.idempotency-key-applied': {
    zh: '请求已生效，但响应丢失',
    en: 'Already applied; its response was lost',
  },
  'title.idempotency-key-in-flight': {
    zh: '使用此幂等键的请求仍在处理中',
    en: 'A request with this idempotency key is still in progress',
  },
  'title.insufficient-funds': { zh: '资金池额度不足', en: 'Fund pool cannot cover this amount' },
  'title.blacklisted': { zh: '企业已被限制申报', en: 'Enterprise is barred from applying' },
  'title.duplicate': { zh: '重复申请', en: 'Duplicate' },
  'title.unprocessable': { zh: '无法处理该请求', en: 'Unprocessable request' },
  'title.service-unavailable': { zh: '服务暂不可用', en: 'Service unavailable' },
  'title.validation-error': { zh: '请求内容有误', en: 'Your request is not valid' },
  'title.bad-request': { zh: '请求有误', en: 'Bad request' },
  'title.unauthorized': { zh: '未登录或登录已失效', en: 'Unauthorized' },
  'title.method-not-allowed': { zh: '不支持该请求方法', en: 'Method not allowed' },
  'title.not-acceptable': { zh: '无法提供所要求的格式', en: 'Not acceptable' },
  'title.payload-too-large': { zh: '请求内容过大', en: 'Payload too large' },
  'title.unsupported-media-type': { zh: '不支持的内容类型', en: 'Unsupported media type' },
  'title.too-many-requests': { zh: '请求过于频繁', en: 'Too many requests' },
  'title.internal': { zh: '服务器内部错误', en: 'Internal server error' },
  'title.server-error': { zh: '服务器错误', en: 'Server error' },
  'title.request-error': { zh: '请求错误', en: 'Request error' },

  // Problem details the HTTP layer writes itself.
  'detail.invalid-fields': { zh: '以下字段有误：{fields}', en: 'Invalid fields: {fields}' },
  'detail.too-many-requests': { zh: '请求过于频繁，请稍后再试。', en: 'Slow down and try again later.' },
  'detail.unavailable': {
    zh: '后台服务暂时不可用，请稍后重试。',
    en: 'A backing service is not available right now. Try again shortly.',
  },
  'detail.internal': {
    zh: '系统内部出错。报告问题时请提供请求编号 {requestId}。',
    en: 'Something went wrong on our side. Quote request id {requestId} when reporting it.',
  },
  'detail.route-not-found': { zh: '不存在接口 {method} {path}', en: 'Cannot {method} {path}' },
  'detail.body-not-json': {
    zh: '请求体不是有效的 JSON：{reason}',
    en: 'The body is not valid JSON: {reason}',
  },
  'detail.body-too-deep': {
    zh: '请求体的对象或数组嵌套不得超过 {max} 层',
    en: 'body must not nest objects or arrays more than {max} levels deep',
  },
  'detail.body-not-object': {
    zh: '请求体必须是 JSON 对象，不能是 {got}',
    en: 'body must be a JSON object, not {got}',
  },
  'detail.multipart-no-boundary': {
    zh: 'file：multipart 内容类型缺少 boundary 参数',
    en: 'file: the multipart content type has no boundary parameter',
  },
  'detail.multipart-truncated': {
    zh: 'file：multipart 请求体在结束边界之前中断（上传不完整）',
    en: 'file: the multipart body ends before its closing boundary (truncated upload)',
  },
  'detail.multipart-bad-header': {
    zh: 'file：multipart 分段的头部格式有误',
    en: 'file: a multipart part header is malformed',
  },
  'detail.multipart-unsupported': {
    zh: 'file：不支持该 multipart 内容类型',
    en: 'file: the multipart content type is not supported',
  },
  'detail.body-empty-json': {
    zh: '请求声明为 JSON，但请求体为空',
    en: 'The body is declared as JSON but is empty',
  },
  'detail.body-too-large': { zh: '请求体超过允许的大小', en: 'The request body is larger than allowed' },
  'detail.file-too-large': { zh: '文件超过允许的大小', en: 'The file is larger than allowed' },
  'detail.media-type-unsupported': {
    zh: '不支持的内容类型：{type}',
    en: 'Unsupported media type: {type}',
  },
  'detail.bearer-required': { zh: '请先登录（缺少访问令牌）', en: 'A bearer token is required' },
  'detail.bearer-invalid': {
    zh: '访问令牌无效或已过期，请重新登录',
    en: 'The bearer token is invalid or expired',
  },
  'detail.bearer-revoked': { zh: '访问令牌已失效，请重新登录', en: 'The bearer token is no longer valid' },
  'detail.role-only-for': { zh: '此操作仅限以下角色：{roles}', en: 'This action is only for: {roles}' },
  'detail.unique-violation': { zh: '与已有数据冲突', en: 'this conflicts with data that already exists' },
  'detail.db-bad-characters': {
    zh: '文本中含有无法保存的字符',
    en: 'A text value contains characters that cannot be stored',
  },
  'detail.db-number-range': { zh: '数值超出范围', en: 'A number is out of range' },
  'detail.db-bad-format': { zh: '值的格式不正确', en: 'A value has the wrong format' },
  'detail.db-too-long': { zh: '文本过长', en: 'A text value is too long' },
  'detail.db-date-format': { zh: '日期或时间格式不正确', en: 'A date or time value has the wrong format' },
  'detail.db-date-range': { zh: '日期或时间超出范围', en: 'A date or time value is out of range' },

  // Field messages of request validation, by class-validator constraint (`{field}` is the property).
  'field.unknown': { zh: '不允许的字段 {field}', en: 'property {field} should not exist' },
  'field.isString': { zh: '{field} 必须是文本', en: '{field} must be a string' },
  'field.isInt': { zh: '{field} 必须是整数', en: '{field} must be an integer number' },
  'field.isNumber': { zh: '{field} 必须是数字', en: '{field} must be a number' },
  'field.isBoolean': { zh: '{field} 必须是布尔值（true 或 false）', en: '{field} must be a boolean value' },
  'field.isIn': {
    zh: '{field} 必须是以下值之一：{values}',
    en: '{field} must be one of the following values: {values}',
  },
  'field.isEnum': {
    zh: '{field} 必须是以下值之一：{values}',
    en: '{field} must be one of the following values: {values}',
  },
  'field.isUuid': { zh: '{field} 必须是 UUID', en: '{field} must be a UUID' },
  'field.isArray': { zh: '{field} 必须是数组', en: '{field} must be an array' },
  'field.isObject': { zh: '{field} 必须是对象', en: '{field} must be an object' },
  'field.isNotEmpty': { zh: '{field} 不能为空', en: '{field} should not be empty' },
  'field.isDefined': { zh: '{field} 为必填项', en: '{field} should not be null or undefined' },
  'field.isEmail': { zh: '{field} 必须是电子邮件地址', en: '{field} must be an email' },
  'field.isDate': { zh: '{field} 必须是日期（YYYY-MM-DD）', en: '{field} must be a date (YYYY-MM-DD)' },
  'field.isISO8601': {
    zh: '{field} 必须是 ISO 8601 日期或时间',
    en: '{field} must be a valid ISO 8601 date string',
  },
  'field.min': { zh: '{field} 不能小于 {n}', en: '{field} must not be less than {n}' },
  'field.max': { zh: '{field} 不能大于 {n}', en: '{field} must not be greater than {n}' },
  'field.minLength': {
    zh: '{field} 至少 {n} 个字符',
    en: '{field} must be longer than or equal to {n} characters',
  },
  'field.maxLength': {
    zh: '{field} 最多 {n} 个字符',
    en: '{field} must be shorter than or equal to {n} characters',
  },
  'field.matches': { zh: '{field} 格式不正确', en: '{field} has the wrong format' },
  'field.arrayMinSize': { zh: '{field} 至少包含 {n} 项', en: '{field} must contain at least {n} elements' },
  'field.arrayMaxSize': {
    zh: '{field} 最多包含 {n} 项',
    en: '{field} must contain no more than {n} elements',
  },
  'field.arrayUnique': { zh: '{field} 的各项不能重复', en: "All {field}'s elements must be unique" },
  'field.nested': {
    zh: '{field} 必须是对象或数组',
    en: 'nested property {field} must be either object or array',
  },
  'field.isBankAccountNo': { zh: '{field} 必须是 9–30 位数字', en: '{field} must be 9-30 digits' },
  'field.invalid': { zh: '{field} 的值无效', en: '{field} is invalid' },
  'field.nul': { zh: '{field} 不能包含 NUL 字符', en: '{field} must not contain NUL characters' },
  'field.lone-surrogate': {
    zh: '{field} 必须是格式正确的 Unicode 文本（含有孤立的代理字符）',
    en: '{field} must be well-formed Unicode text (it holds a lone surrogate)',
  },
  'field.key-nul': { zh: '字段名不能包含 NUL 字符', en: 'the key must not contain NUL characters' },
  'field.key-lone-surrogate': {
    zh: '字段名必须是格式正确的 Unicode 文本',
    en: 'the key must be well-formed Unicode text (it holds a lone surrogate)',
  },

  // USCC (GB 32100-2015).
  'uscc.length': { zh: '统一社会信用代码必须为 18 位', en: 'uscc must be exactly 18 characters' },
  'uscc.charset': {
    zh: '统一社会信用代码只能包含数字 0-9 和除 I、O、S、V、Z 以外的大写字母 A-Y',
    en: 'uscc may only contain 0-9 and A-Y except I, O, S, V, Z',
  },
  'uscc.division': {
    zh: '统一社会信用代码第 3–8 位必须是行政区划代码（6 位数字）',
    en: 'uscc characters 3-8 must be a 6-digit administrative division code',
  },
  'uscc.check': {
    zh: '统一社会信用代码校验位（第 18 位）不正确（GB 32100-2015）',
    en: 'uscc check character (18th) does not match (GB 32100-2015)',
  },
  'uscc.invalid': { zh: '{field} 不是有效的统一社会信用代码', en: '{field} is not a valid USCC' },

  // What was not found.
  'error.not-found': { zh: '未找到{what}', en: '{what} not found' },
  'error.not-found-code': { zh: '未找到{what} {code}', en: '{what} {code} not found' },

  // Domain errors.
  'error.invalid-credentials': { zh: '用户名或密码错误', en: 'Wrong username or password' },
  'error.stale-application': {
    zh: '申请已被他人修改，请刷新后重试。',
    en: 'The application was changed by someone else; reload it and try again.',
  },
  'error.form-locked': {
    zh: '只有草稿或退回补正状态的申请可以修改表单，当前状态为“{state}”',
    en: 'The form can only change while draft or amending, not in {state}',
  },
  'error.objection-answer-applicant-only': {
    zh: '只有申请企业可以答复异议',
    en: 'Only the applicant enterprise may answer an objection',
  },
  'error.objection-answer-not-pending': {
    zh: '只能在异议待处理时答复，当前状态为“{state}”',
    en: 'An objection can be answered only while it awaits the decision, not in {state}',
  },
  'error.invalid-form': { zh: '申请表有误：{fields}', en: 'Invalid form: {fields}' },
  'error.calculator-program-unknown': {
    zh: '不是该企业所在园区现行有效的政策项目',
    en: "not a program in force in this enterprise's zone",
  },
  'error.invalid-forms': { zh: '申请表有误：{fields}', en: 'Invalid forms: {fields}' },
  'error.invalid-action': { zh: '操作参数有误：{fields}', en: 'Invalid action: {fields}' },
  'error.invalid-fact': { zh: '数据有误：{fields}', en: 'Invalid fact: {fields}' },
  'error.invalid-definition': { zh: '项目定义有误：{fields}', en: 'Invalid program definition: {fields}' },
  'error.missing-documents': { zh: '缺少必需的材料：{types}', en: 'Missing mandatory documents: {types}' },
  'error.program-is-auto': {
    zh: '此项目为免申即享：符合条件的企业会收到待确认的兑现，无需申请。',
    en: 'This program is granted without application (免申即享): eligible enterprises receive an offer to confirm.',
  },
  'error.program-is-auto-field': {
    zh: '该项目免申即享，不能申请',
    en: 'programCode is granted automatically and cannot be applied for',
  },
  'error.document-required': { zh: '缺少材料：{title}', en: '{title} is required' },
  'error.action-by-system': {
    zh: '“{action}”由系统记录，不能通过此接口提交',
    en: '{action} is recorded by the system, not through this endpoint',
  },
  'error.action-by-finance': {
    zh: '“{action}”由财务模块（拨付批次和银行流水）记录，不能通过此接口提交',
    en: '{action} is recorded by the finance module (batches and bank statements), not through this endpoint',
  },
  'error.assign-not-waiting': {
    zh: '只有等待经办人处理的申请可以分派，当前状态为“{state}”',
    en: 'Only work waiting for an officer can be assigned, not {state}',
  },
  'error.only-assignee-hands-back': {
    zh: '只有被分派的经办人可以退回分派',
    en: 'Only the assigned officer can hand an item back',
  },
  'error.stale-application-meanwhile': {
    zh: '申请在此期间已变更，请刷新后重试。',
    en: 'The application changed meanwhile; reload and retry.',
  },
  'error.blacklisted': {
    zh: '企业在 {until} 之前被限制新的申报（{reason}）。',
    en: 'The enterprise is barred from new applications until {until} ({reason}).',
  },
  'error.bank-account-needed': {
    zh: '确认兑现前须有经园区财务核验的企业银行账户。',
    en: 'Confirming a grant needs an enterprise bank account verified by the zone’s finance staff.',
  },
  'error.if-match': {
    zh: 'If-Match 必须是申请的版本号，例如 "3"',
    en: 'If-Match must be the application version, e.g. "3"',
  },
  'error.document-type-unknown': {
    zh: 'documentType 必须是以下之一：{types}',
    en: 'documentType must be one of: {types}',
  },
  'error.document-type-code': {
    zh: 'documentType 必须是材料类型代码',
    en: 'documentType must be a document type code',
  },
  'error.documents-locked': {
    zh: '只有草稿或退回补正状态的申请可以修改材料',
    en: 'Documents can only change while the application is a draft or returned for amendment',
  },
  'error.documents-applicant-only': {
    zh: '只有申报企业可以修改申请材料',
    en: "Only the applicant enterprise changes an application's documents",
  },
  'error.file-required': {
    zh: '请在 multipart 字段 "file" 中上传文件',
    en: 'a file in the multipart field "file" is required',
  },
  'error.csv-file-required': {
    zh: '请在 multipart 字段 "file" 中上传 CSV 文件',
    en: 'a CSV file in the multipart field "file" is required',
  },
  'error.multipart-required': {
    zh: '请以 multipart/form-data 上传，文件放在字段 "file" 中',
    en: 'send the file as multipart/form-data in the field "file"',
  },
  'error.bank-account-owner-only': {
    zh: '只有企业本身可以修改其银行账户',
    en: 'Only the enterprise itself can change its bank account',
  },
  'error.bank-account-change-decided': {
    zh: '该收款账户变更已{state}，不能再核验或驳回',
    en: 'The bank account change is already {state}; it cannot be verified or refused again',
  },
  'error.bank-account-change-own': {
    zh: '收款账户变更须由园区财务人员核验，提交人不能核验自己的变更',
    en: 'A bank account change is verified by the zone’s finance staff, never by whoever asked for it',
  },
  'error.bank-account-pending-only': {
    zh: '以下收款人只有待园区财务核验的收款账户，核验后才能拨付：{payees}',
    en: 'These payees have only a bank account awaiting verification by the zone’s finance staff; they are paid once it is verified: {payees}',
  },
  'error.owner-cannot-remove-self': {
    zh: '企业主账号不能移除自己',
    en: 'The owner cannot remove themselves',
  },
  'error.owner-manages-users': {
    zh: '只有企业的首个用户可以管理企业用户',
    en: "Only the enterprise's first user manages its users",
  },
  'error.unknown-zone': { zh: '{field} "{code}" 不是已知的园区', en: '{field} "{code}" is not a known zone' },
  'error.zone-required-for-role': {
    zh: '角色 {role} 必须指定 zoneCode',
    en: 'zoneCode is required for role {role}',
  },
  'error.admin-no-zone': {
    zh: '管理员不属于任何园区，请不要填写 zoneCode',
    en: 'admins are not bound to a zone; omit zoneCode',
  },
  'error.cannot-deactivate-self': { zh: '不能停用自己的账号', en: 'You cannot deactivate yourself' },
  'error.idempotency-reused': {
    zh: '此 Idempotency-Key 已用于另一个请求，新请求请使用新的键。',
    en: 'This Idempotency-Key was already used for a different request; use a new key for a new request.',
  },
  'error.idempotency-applied': {
    zh: '使用此 Idempotency-Key 的请求已生效，但响应丢失；请直接查询资源，不要重试。',
    en: 'The request with this Idempotency-Key was applied, but its response was lost; read the resource instead of retrying.',
  },
  'error.idempotency-in-flight': {
    zh: '使用此 Idempotency-Key 的请求仍在处理中，请在其完成后重试。',
    en: 'A request with this Idempotency-Key is still being processed; retry after it completes.',
  },
  'error.idempotency-key-format': {
    zh: 'Idempotency-Key 必须是 1–255 个可见 ASCII 字符',
    en: 'Idempotency-Key must be 1-255 visible ASCII characters',
  },
  'error.policy-admin-only': {
    zh: '只有园区的政策管理员可以管理项目',
    en: 'Only policy admins of a zone manage programs',
  },
  'error.policy-admin-own-zone': {
    zh: '政策管理员只能管理本园区的项目',
    en: "Policy admins manage only their own zone's programs",
  },
  'error.stale-transition': {
    zh: '申请同时被他人修改，请刷新后重试。',
    en: 'The application was changed by someone else at the same time; reload it and try again.',
  },
  'error.transition-not-allowed': {
    zh: '申请处于“{state}”状态，不能执行“{action}”',
    en: '{action} is not allowed while the application is {state}',
  },
  'error.transition-forbidden': {
    zh: '您的角色不能在“{state}”状态下执行“{action}”',
    en: 'Your role may not {action} while the application is {state}',
  },

  // Finance, catalog administration, reports, feeds and queues.
  'error.pool-exists': {
    zh: '资金池（{code}，{year} 年度）已存在',
    en: 'a fund pool for {code} in fiscal year {year} already exists',
  },
  'error.no-pool': {
    zh: '{year} 年度没有覆盖项目 {program}{documentPart} 的资金池：请财务先设立资金池再批准',
    en: 'No fund pool covers program {program}{documentPart} in fiscal year {year}: finance must set one up before this grant can be approved',
  },
  'error.pool-insufficient': {
    zh: '资金池“{pool}”（{code}，{year} 年度）可用余额 {available} 元，本次需要 {needed} 元',
    en: 'Fund pool "{pool}" ({code}, fiscal year {year}) has {available} yuan available; this grant needs {needed} yuan',
  },
  'error.pool-below-committed': {
    zh: '{pool} 的额度不能低于已预留或已拨付的 {committed} 元',
    en: 'The allocation of {pool} cannot go below the {committed} yuan already reserved or paid',
  },
  'error.pool-one-target': {
    zh: 'programCode 和 policyDocumentCode 必须且只能填写一个',
    en: 'Give exactly one of programCode and policyDocumentCode',
  },
  'error.pool-program-unknown': {
    zh: 'programCode "{code}" 不是本园区的政策项目',
    en: 'programCode "{code}" is not a program of this zone',
  },
  'error.pool-document-unknown': {
    zh: 'policyDocumentCode "{code}" 不是本园区的政策文件',
    en: 'policyDocumentCode "{code}" is not a policy document of this zone',
  },
  'error.already-reserved': {
    zh: '申请 {ref} 已在资金池中有 {amount} 分（{status}）',
    en: 'Application {ref} already has {amount} fen {status} in its fund pool',
  },
  'error.no-reservation-to-pay': {
    zh: '申请 {ref} 没有 {amount} 分的预留可供拨付',
    en: 'Application {ref} holds no reservation of {amount} fen to pay',
  },
  'error.batch-nothing-payable': {
    zh: '没有符合筛选条件、已批准且可拨付的未付款项',
    en: 'No approved, unpaid grant that can be paid matches these filters',
  },
  'error.batch-raced': {
    zh: '符合条件的款项刚被放入另一个批次',
    en: 'Every matching grant was just put into another batch',
  },
  'error.batch-none-payable': {
    zh: '此批次中已没有可拨付的款项',
    en: 'No grant in this batch can be paid any more',
  },
  'error.batch-state': {
    zh: '批次 {ref} 当前状态为“{state}”，不能执行“{action}”',
    en: 'Cannot {action} batch {ref}: it is {state}',
  },
  'error.clawback-not-grant': {
    zh: 'applicationId 不是本园区的兑现项目',
    en: 'applicationId is not a grant of your zone',
  },
  'error.clawback-not-paid': {
    zh: '只有已拨付的款项可以追回；申请 {ref} 当前状态为“{state}”',
    en: 'Only a paid grant can be clawed back; application {ref} is {state}',
  },
  'error.clawback-exists': {
    zh: '追回单 {ref} 已就此款项追回 {amount} 分',
    en: 'Clawback {ref} already claims {amount} fen for this grant',
  },
  'error.clawback-amount': {
    zh: 'amountFen 必须是正整数（分）',
    en: 'amountFen must be a positive integer (fen)',
  },
  'error.clawback-no-payment': {
    zh: '申请 {ref} 没有可追回的拨付',
    en: 'Application {ref} has no payment to claw back',
  },
  'error.clawback-too-much': {
    zh: 'amountFen 不能超过已拨付的 {amount} 分',
    en: 'amountFen cannot exceed the {amount} fen paid',
  },
  'error.clawback-not-open': {
    zh: '追回单 {id} 不接受 {amount} 分的追回',
    en: 'Clawback {id} is not open for a recovery of {amount} fen',
  },
  'error.payment-has-outcome': { zh: '付款 {ref} 已有结果', en: 'Payment {ref} already has its outcome' },
  'error.program-exists': { zh: '项目 {code} 已存在', en: 'Program {code} already exists' },
  'error.program-code-exists': {
    zh: '已存在该代码的项目；请为其新增版本',
    en: 'a program with this code already exists; add a version to it instead',
  },
  'error.program-code-required': {
    zh: 'code 为必填项，例如 "{example}"',
    en: 'code is required, e.g. "{example}"',
  },
  'error.program-has-draft': {
    zh: '{code} 的第 {version} 版已是草稿：请编辑（PUT）或先发布',
    en: 'Version {version} of {code} is a draft already: edit it (PUT) or publish it first',
  },
  'error.version-published': {
    zh: '{code} 的第 {version} 版已发布，不能修改；请新建版本',
    en: 'Version {version} of {code} is published and cannot change; create a new version instead',
  },
  'error.stale-program-draft': {
    zh: '{code} 的第 {version} 版草稿已被他人修改（当前修订 {revision}）：请重新载入后再保存',
    en: 'Version {version} of {code} was changed by someone else (now revision {revision}): reload it and save again',
  },
  'error.program-retired': {
    zh: '{code} 已于 {lastDay} 停止执行，不能再次停止',
    en: '{code} is already retired (last day {lastDay})',
  },
  'error.program-not-published': {
    zh: '{code} 还没有已发布的版本，无需停止执行；草稿可直接放弃',
    en: '{code} has no published version to retire',
  },
  'error.retire-in-past': {
    zh: '最后执行日不能早于今天（{today}，北京时间）',
    en: 'the last day must not be before today ({today}, Beijing time)',
  },
  'error.definition-root': { zh: '需要一个项目定义对象', en: 'expected a program definition object' },
  'error.definition-target': {
    zh: '此处 {field} 必须是 {value}（或省略）',
    en: '{field} must be {value} here (or be left out)',
  },
  'error.sandbox-own-zone': {
    zh: '政策管理员只能对本园区的项目运行政策模拟',
    en: "Policy admins run the sandbox on their own zone's programs",
  },
  'error.sla-zone-required': { zh: '管理员必须指定 zone', en: 'zone is required for admins' },
  'error.from-after-to': { zh: 'from 不能晚于 to', en: 'from must not be after to' },
  'error.period-too-long': { zh: '时间范围最多 {days} 天', en: 'the period may span at most {days} days' },
  'error.not-a-date': { zh: '{field} 不是日期', en: '{field} is not a date' },
  'error.sweep-future-year': {
    zh: 'fiscalYear 不能晚于当前财年 {year}',
    en: 'fiscalYear must not be after the current fiscal year {year}',
  },
  'error.sweep-not-auto': {
    zh: '{code} 不是本园区在 {year} 财年有效的免申即享项目',
    en: '{code} is not an auto-grant (免申即享) program of your zone in force in fiscal year {year}',
  },
  'error.sweep-none': {
    zh: '本园区在 {year} 财年没有有效的免申即享项目。',
    en: 'The zone has no auto-grant (免申即享) program in force in fiscal year {year}.',
  },
  'error.feed-utf8': {
    zh: '文件必须是 UTF-8 文本（请另存为“CSV UTF-8”）',
    en: 'the file must be UTF-8 text (save the CSV as "CSV UTF-8")',
  },
  'error.feed-no-rows': { zh: '文件只有表头，没有数据行', en: 'the file has a header but no rows' },
  'error.feed-ref-mismatch': {
    zh: '查询参数和请求体中的 feedRef 不一致',
    en: 'feedRef differs between the query and the body',
  },
  'error.feed-different-content': {
    zh: '数据批次“{ref}”已以不同内容导入；更正请作为新的批次发送',
    en: 'Feed "{ref}" was already imported with different content; send corrections as a new feed',
  },
  'error.statement-file-name': {
    zh: '文件名必须是不超过 200 个字符、不含路径的名称',
    en: 'the file name must be a name of at most 200 characters, without a path',
  },
  'error.file-empty': { zh: '文件为空', en: 'the file is empty' },
  'error.statement-utf8': {
    zh: '{field} 必须是 UTF-8 文本（请将流水另存为 CSV UTF-8）',
    en: '{field} must be UTF-8 text (save the statement as CSV UTF-8)',
  },
  'error.outbox-done': { zh: '该任务已完成。', en: 'This work is already done.' },
  'error.outbox-not-failed': {
    zh: '该任务未失败，仍在排队或执行中。',
    en: 'This work has not failed; it is still queued or running.',
  },
  'error.delivery-not-failed': {
    zh: '只有失败的投递可以重试；此投递状态为 {status}。',
    en: 'Only failed deliveries are retried; this one is {status}.',
  },
  'error.webhook-zone-unknown': { zh: '不存在园区 {code}', en: 'no zone {code}' },

  // Unique constraints the database enforces.
  'unique.uscc': {
    zh: '该统一社会信用代码的企业已注册',
    en: 'an enterprise with this uscc is already registered',
  },
  'unique.username': { zh: '该用户名已被使用', en: 'this username is taken' },
  'unique.program-version': { zh: '该项目版本已存在', en: 'this program version already exists' },
  'unique.program-draft': {
    zh: '该项目已有草稿版本：请先编辑或发布它',
    en: 'this program has a draft already: edit or publish it first',
  },
  'unique.active-application': {
    zh: '该企业在此项目、期间和对象上已有进行中的申请',
    en: 'this enterprise already has an open application for this program, period and subject',
  },
  'unique.person-award': {
    zh: '此人已获得或正在申请该奖励（一人一奖）',
    en: 'this person already holds, or has an open application for, this award (one person, one award)',
  },
} as const satisfies Record<string, LocalizedText>;

export type MessageKey = keyof typeof MESSAGES;

/** Nouns for "not found" and similar messages. */
export const NOUNS = {
  application: { zh: '申请', en: 'application' },
  program: { zh: '政策项目', en: 'program' },
  programVersion: { zh: '项目版本', en: 'program version' },
  zone: { zh: '园区', en: 'zone' },
  user: { zh: '用户', en: 'user' },
  enterprise: { zh: '企业', en: 'enterprise' },
  document: { zh: '材料', en: 'document' },
  webhook: { zh: 'Webhook', en: 'webhook' },
  delivery: { zh: '通知投递', en: 'delivery' },
  notification: { zh: '通知', en: 'notification' },
  outboxItem: { zh: '待办任务', en: 'outbox item' },
  calendarScope: { zh: '工作日历', en: 'calendar scope' },
  fundPool: { zh: '资金池', en: 'fund pool' },
  disbursementItem: { zh: '拨付明细', en: 'disbursement item' },
  disbursementBatch: { zh: '拨付批次', en: 'disbursement batch' },
  bankStatement: { zh: '银行流水', en: 'bank statement' },
  clawback: { zh: '追回单', en: 'clawback' },
  autoGrantSweep: { zh: '免申即享批量核查', en: 'auto-grant sweep' },
  factImport: { zh: '数据导入', en: 'fact import' },
  installmentPlan: { zh: '分期兑现计划', en: 'installment plan' },
  sandboxRun: { zh: '政策模拟', en: 'sandbox run' },
  statementLine: { zh: '流水明细', en: 'statement line' },
  offer: { zh: '待确认兑现', en: 'offer' },
  fact: { zh: '企业数据', en: 'fact' },
  resource: { zh: '资源', en: 'resource' },
} as const satisfies Record<string, LocalizedText>;

export type Noun = keyof typeof NOUNS;

/** The noun of a key, or of its English text (`'fund pool'`); anything else is shown as given. */
export function nounText(what: string): LocalizedText {
  if (what in NOUNS) return NOUNS[what as Noun];
  const byEnglish = Object.values(NOUNS).find((n) => n.en === what);
  return byEnglish ?? { zh: what, en: what };
}
