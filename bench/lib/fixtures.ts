import { randomBytes } from 'node:crypto';
import { Api, BenchEnterprise, BenchUser } from './api';
import { sql } from './pg';
import { mapLimit, sleep } from './stats';

export const ZONE = 'ningxiang-htz';
/** An apply-mode program whose screening reads only the form: submit → screening → first review. */
export const PROGRAM = 'ningxiang-htz.platform-construction';
export const DOCUMENT_TYPE = 'recognition-document';
export const FISCAL_YEAR = 2026;
/** 2,000,000 yuan: above the director threshold, so an officer's approve goes to director approval. */
export const NATIONAL_PLATFORM_FEN = 200_000_000;
/** 500,000 yuan: not above the threshold, so the officer's approve reserves funds and starts publicity. */
export const MUNICIPAL_PLATFORM_FEN = 50_000_000;
/** The largest allocation POST /fund-pools accepts (MAX_ALLOCATION_FEN). */
const MAX_POOL_FEN = 1_000_000_000_000;

export type PlatformType = 'national-platform' | 'municipal-platform';

export interface ZoneCast {
  officer: BenchUser;
  director: BenchUser;
  finance: BenchUser;
  enterprises: BenchEnterprise[];
  poolId: string;
}

/** The people every application benchmark needs, made once per run through the API. */
export class Fixtures {
  private cast?: Promise<ZoneCast>;
  private docSeq = 0;
  private readonly docPrefix = randomBytes(3).toString('hex');

  constructor(
    private readonly api: Api,
    private readonly adminToken: string,
    private readonly databaseUrl: string,
    private readonly enterpriseCount: number,
  ) {}

  zoneCast(): Promise<ZoneCast> {
    this.cast ??= this.makeCast();
    return this.cast;
  }

  private async makeCast(): Promise<ZoneCast> {
    // One officer, so every screened application lands in their inbox; one director; finance.
    const [officer, director, finance] = await Promise.all(
      ['officer', 'director', 'finance'].map((role) => this.api.createStaff(this.adminToken, role, ZONE)),
    );
    const enterprises = await mapLimit(Array.from({ length: this.enterpriseCount }), 4, () =>
      this.api.registerEnterprise(ZONE),
    );
    const pool = await this.api.call<{ id: string }>('POST', '/fund-pools', {
      token: finance.token,
      // Enough for every approval of the run: the most one pool may be given (10 billion yuan).
      body: {
        programCode: PROGRAM,
        fiscalYear: FISCAL_YEAR,
        allocatedFen: MAX_POOL_FEN,
      },
      expect: 201,
    });
    return { officer, director, finance, enterprises, poolId: pool.body.id };
  }

  /** A complete platform form; each one is its own platform (its own approval document). */
  form(platformType: PlatformType = 'national-platform'): Record<string, unknown> {
    return {
      platformName: '国家先进储能材料工程研究中心',
      platformType,
      recognisedOn: '2026-03-18',
      approvalDocumentNo: `湘科发〔2026〕${this.docPrefix}-${++this.docSeq}号`,
    };
  }

  createBody(platformType?: PlatformType, fiscalYear = FISCAL_YEAR): string {
    return JSON.stringify({ programCode: PROGRAM, fiscalYear, form: this.form(platformType) });
  }

  /** Complete drafts with their document, made through the API (setup, not measured). */
  async drafts(
    count: number,
    opts: { platformType?: PlatformType; fiscalYear?: number } = {},
  ): Promise<Draft[]> {
    const { enterprises } = await this.zoneCast();
    return mapLimit(Array.from({ length: count }), 8, async (_, i) => {
      const owner = enterprises[i % enterprises.length];
      const res = await this.api.call<{ id: string }>('POST', '/applications', {
        token: owner.token,
        body: JSON.parse(this.createBody(opts.platformType, opts.fiscalYear)),
        expect: 201,
      });
      await this.api.uploadDocument(owner.token, res.body.id, DOCUMENT_TYPE);
      return { id: res.body.id, token: owner.token };
    });
  }

  /** Uploads the mandatory document to drafts made elsewhere (e.g. by a measured create phase). */
  async attachDocuments(drafts: Draft[], concurrency = 8): Promise<void> {
    await mapLimit(drafts, concurrency, (d) => this.api.uploadDocument(d.token, d.id, DOCUMENT_TYPE));
  }

  /** Applications in first review with our officer: submitted through the API, screened by the real worker. */
  async inFirstReview(
    count: number,
    opts: { platformType?: PlatformType; fiscalYear?: number } = {},
  ): Promise<Draft[]> {
    const drafts = await this.drafts(count, opts);
    await mapLimit(drafts, 8, (d) =>
      this.api.call('POST', `/applications/${d.id}/submit`, { token: d.token, body: {}, expect: 200 }),
    );
    await this.waitForStates(
      drafts.map((d) => d.id),
      ['first_review'],
      Math.max(120_000, count * 60),
    );
    return drafts;
  }

  /**
   * Approved, payable grants of 500,000 yuan for `fiscalYear` (which gets a pool of its own): through
   * the API up to the officer's approval; then, as the e2e tests do, the publicity period is made to
   * end now (its deadline row in the outbox is made due) and the real worker approves them.
   */
  async approvedGrants(count: number, fiscalYear: number): Promise<Draft[]> {
    const cast = await this.zoneCast();
    await this.api.call('POST', '/fund-pools', {
      token: cast.finance.token,
      body: { programCode: PROGRAM, fiscalYear, allocatedFen: count * MUNICIPAL_PLATFORM_FEN },
      expect: 201,
    });
    const grants = await this.inFirstReview(count, { platformType: 'municipal-platform', fiscalYear });
    await mapLimit(grants, 8, (g) =>
      this.api.call('POST', `/applications/${g.id}/actions`, {
        token: cast.officer.token,
        body: { type: 'approve', comment: '同意' },
        expect: 200,
      }),
    );
    const ids = grants.map((g) => g.id);
    await this.waitForStates(ids, ['publicity'], Math.max(60_000, count * 60));
    await sql(
      this.databaseUrl,
      `UPDATE outbox SET available_at = now() - interval '1 second'
       WHERE queue = 'deadlines' AND payload->>'kind' = 'publicity-end' AND payload->>'applicationId' = ANY($1)
         AND done_at IS NULL AND sent_at IS NULL`,
      [ids],
    );
    await sql(this.databaseUrl, `SELECT pg_notify('huiqi_outbox', '')`);
    await this.waitForStates(ids, ['approved'], Math.max(120_000, count * 60));
    return grants;
  }

  /** Polls the database until every application is in one of `states`; returns the seconds it took. */
  async waitForStates(ids: string[], states: string[], timeoutMs: number): Promise<number> {
    const started = performance.now();
    for (;;) {
      const [row] = await sql<{ n: number }>(
        this.databaseUrl,
        'SELECT count(*)::int AS n FROM applications WHERE id = ANY($1::uuid[]) AND NOT (state = ANY($2))',
        [ids, states],
      );
      if (row.n === 0) return (performance.now() - started) / 1000;
      if (performance.now() - started > timeoutMs)
        throw new Error(`${row.n} of ${ids.length} applications did not reach ${states.join('|')}`);
      await sleep(200);
    }
  }
}

export interface Draft {
  id: string;
  /** The owning enterprise user's token. */
  token: string;
}
