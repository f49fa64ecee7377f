import { usccCheckCharacter } from '@huiqi/common';
import { randomBytes, randomInt } from 'node:crypto';

/** A minimal JSON client for setup steps (the measured phases use autocannon, see load.ts). */
export class Api {
  constructor(readonly baseUrl: string) {}

  async call<T = Record<string, unknown>>(
    method: string,
    path: string,
    opts: { token?: string; body?: unknown; expect?: number | number[] } = {},
  ): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
    });
    const text = await res.text();
    const body = (text ? JSON.parse(text) : null) as T;
    const expected = opts.expect === undefined ? null : [opts.expect].flat();
    if (expected && !expected.includes(res.status)) {
      throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 500)}`);
    }
    return { status: res.status, body };
  }

  async login(username: string, password: string): Promise<string> {
    const res = await this.call<{ accessToken: string }>('POST', '/auth/login', {
      body: { username, password },
      expect: 200,
    });
    return res.body.accessToken;
  }

  async createStaff(adminToken: string, role: string, zoneCode: string): Promise<BenchUser> {
    const username = `${role}-${randomBytes(4).toString('hex')}`;
    const password = `pw-${randomBytes(8).toString('hex')}`;
    const res = await this.call<{ id: string }>('POST', '/admin/users', {
      token: adminToken,
      body: { username, password, role, zoneCode },
      expect: 201,
    });
    return { id: res.body.id, username, token: await this.login(username, password) };
  }

  async registerEnterprise(zoneCode: string): Promise<BenchEnterprise> {
    const username = `ent-${randomBytes(5).toString('hex')}`;
    const name = `基准测试科技有限公司-${randomBytes(3).toString('hex')}`;
    const res = await this.call<{ user: { id: string }; enterprise: { id: string }; accessToken: string }>(
      'POST',
      '/auth/register-enterprise',
      {
        body: {
          uscc: makeUscc(),
          name,
          zoneCode,
          username,
          password: `pw-${randomBytes(8).toString('hex')}`,
          bankAccount: {
            bankName: '中国工商银行长沙分行',
            accountName: name,
            accountNo: `6222${randomInt(1e9, 1e10 - 1)}12`,
            cnapsCode: '102551000012',
          },
        },
        expect: 201,
      },
    );
    return {
      id: res.body.user.id,
      username,
      token: res.body.accessToken,
      enterpriseId: res.body.enterprise.id,
    };
  }

  /** Uploads one small PDF as a document of the application. */
  async uploadDocument(token: string, applicationId: string, type: string): Promise<void> {
    const form = new FormData();
    form.append('file', new Blob([PDF], { type: 'application/pdf' }), 'doc.pdf');
    const res = await fetch(`${this.baseUrl}/applications/${applicationId}/documents/${type}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    if (res.status !== 201) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
  }
}

export interface BenchUser {
  id: string;
  username: string;
  token: string;
}

export interface BenchEnterprise extends BenchUser {
  enterpriseId: string;
}

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A valid, random USCC (GB 32100-2015 check character) in the given division. */
export function makeUscc(division = '430124'): string {
  let org = '';
  for (let i = 0; i < 9; i++) org += USCC_ALPHABET[randomInt(USCC_ALPHABET.length)];
  const first17 = `91${division}${org}`;
  return first17 + usccCheckCharacter(first17);
}
