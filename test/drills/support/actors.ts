import { usccCheckCharacter } from '@huiqi/common';
import { randomBytes } from 'node:crypto';
import { DrillHttp, expectStatus } from './http';

export interface User {
  id: string;
  username: string;
  password: string;
  token: string;
  role: string;
  zoneCode: string;
}

export interface Enterprise extends User {
  enterpriseId: string;
  uscc: string;
  name: string;
}

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A valid USCC (GB 32100-2015 check character) whose organisation code comes from `entropy`. */
export function usccFrom(entropy: string): string {
  let org = '';
  for (let i = 0; i < 9; i++) org += USCC_ALPHABET[(entropy.charCodeAt(i % entropy.length) * (i + 7)) % 31];
  const first17 = `91430124${org}`;
  return first17 + usccCheckCharacter(first17);
}

export async function login(http: DrillHttp, username: string, password: string): Promise<string> {
  const res = expectStatus(await http.post('/auth/login', { username, password }), 200);
  return res.body.accessToken as string;
}

export async function createStaff(
  http: DrillHttp,
  adminToken: string,
  role: string,
  zoneCode: string,
  tag = randomBytes(4).toString('hex'),
): Promise<User> {
  const username = `${role}-${tag}`.toLowerCase();
  const password = `pw-${tag}-${randomBytes(4).toString('hex')}`;
  const res = expectStatus(
    await http.post('/admin/users', { username, password, role, zoneCode }, { token: adminToken }),
    201,
  );
  return {
    id: res.body.id,
    username,
    password,
    token: await login(http, username, password),
    role,
    zoneCode,
  };
}

export function registrationBody(zoneCode: string, tag: string) {
  const name = `演练科技有限公司-${tag}`;
  return {
    uscc: usccFrom(`${tag}${randomBytes(6).toString('hex')}`),
    name,
    zoneCode,
    username: `ent-${tag}-${randomBytes(2).toString('hex')}`.toLowerCase(),
    password: `pw-${tag}-${randomBytes(4).toString('hex')}`,
    bankAccount: {
      bankName: '中国工商银行长沙分行',
      accountName: name,
      accountNo: `6222${String(parseInt(randomBytes(4).toString('hex'), 16)).padStart(10, '0')}12`,
      cnapsCode: '102551000012',
    },
  };
}

/**
 * Registers an enterprise; with a zone finance user's token its bank account (given at registration,
 * pending until verified) is verified too, so it can be paid.
 */
export async function registerEnterprise(
  http: DrillHttp,
  zoneCode: string,
  tag = randomBytes(4).toString('hex'),
  financeToken?: string,
): Promise<Enterprise> {
  const body = registrationBody(zoneCode, tag);
  const res = expectStatus(await http.post('/auth/register-enterprise', body), 201);
  if (financeToken) await verifyBankAccount(http, res.body.enterprise.bankAccountChange.id, financeToken);
  return enterpriseFrom(body, res.body);
}

/** A zone finance user verifies a pending bank account change (payments use verified accounts only). */
export async function verifyBankAccount(http: DrillHttp, changeId: string, financeToken: string) {
  expectStatus(await http.post(`/bank-account-changes/${changeId}/verify`, {}, { token: financeToken }), 200);
}

export function enterpriseFrom(
  body: ReturnType<typeof registrationBody>,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  answer: any,
): Enterprise {
  return {
    id: answer.user.id,
    username: body.username,
    password: body.password,
    token: answer.accessToken,
    role: 'enterprise',
    zoneCode: body.zoneCode,
    enterpriseId: answer.enterprise.id,
    uscc: body.uscc,
    name: body.name,
  };
}

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/** Multipart body with one file part named `file`, as the documents endpoint expects. */
export function fileForm(content: Buffer = PDF, fileName = 'doc.pdf', contentType = 'application/pdf') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(content)], { type: contentType }), fileName);
  return form;
}

/** Ningxiang's platform construction subsidy: fixed tiers, officer alone up to 500,000 yuan. */
export const PLATFORM = {
  zone: 'ningxiang-htz',
  program: 'ningxiang-htz.platform-construction',
  document: 'recognition-document',
  tiers: {
    'municipal-platform': 50_000_000,
    'provincial-platform': 100_000_000,
    'national-platform': 200_000_000,
  } as Record<string, number>,
  directorAboveFen: 50_000_000,
};

export function platformForm(tier: string, docNo: string, eligible = true) {
  return {
    platformName: `演练工程技术研究中心-${docNo}`,
    platformType: tier,
    // Recognised before the policy took effect: screening finds it ineligible.
    recognisedOn: eligible ? '2025-09-01' : '2019-01-01',
    approvalDocumentNo: `湘科发〔2026〕${docNo}号`,
  };
}

/** Yuan with two decimals from integer fen, by string arithmetic. */
export function yuan(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}
