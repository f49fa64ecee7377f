import {
  createStaff,
  Enterprise,
  enterpriseFrom,
  fileForm,
  login,
  PLATFORM,
  platformForm,
  registrationBody,
  User,
  yuan,
} from './support/actors';
import { HttpResult, sleep, Unreachable } from './support/http';
import { checkInvariants, waitForQuiescence } from './support/invariants';
import { Prng } from './support/prng';
import { DrillStack } from './support/stack';
import IORedis from 'ioredis';
import { REDIS_URL } from '../support/test-env';
import { bankDate } from '../support/bank-dates';

/**
 * A seeded random workload against a stack of its own: enterprises register and apply, the officer and
 * the director decide, objections are raised and decided, publicity ends, finance builds, locks, exports
 * and cancels batches and imports bank statements (matched, returned, duplicated, overlapping, wrong), and
 * at operation indexes chosen by the seed the api or the worker is SIGKILLed and restarted.
 *
 * Operations are chosen one at a time from the seed and a model of what the system should now hold;
 * every operation is driven to a definite outcome (a request cut off by a kill is retried with its
 * Idempotency-Key) and then compared with the model, so the same seed gives the same sequence of
 * operations. What a kill interrupts inside an operation is timing; where the outcome could differ,
 * the drill reads the truth back instead of assuming it.
 */

export type ModelState =
  | 'draft'
  | 'first_review'
  | 'director_approval'
  | 'amending'
  | 'publicity'
  | 'objection'
  | 'approved'
  | 'disbursing'
  | 'paid'
  | 'rejected'
  | 'withdrawn'
  | 'cancelled';

interface MApp {
  n: number;
  ent: number;
  id: string;
  reference: string;
  tier: string;
  amountFen: number;
  eligible: boolean;
  /** The state the application settles in (the worker may still be on its way there). */
  state: ModelState;
  settling: boolean;
  reserved: boolean;
  publicityEnded: boolean;
}

type ItemState = 'draft' | 'awaiting_bank' | 'paid' | 'returned' | 'removed' | 'cancelled';
interface MBatch {
  n: number;
  id: string;
  state: 'draft' | 'locked' | 'exported' | 'settled' | 'partly_settled' | 'cancelled';
  items: { app: number; id: string; ref: string; amountFen: number; state: ItemState }[];
}

interface MLine {
  txId: string;
  ref: string;
  amountFen: number;
  status: 'success' | 'returned';
}

export type Op =
  | { kind: 'register'; tag: string }
  | { kind: 'create'; ent: number; tier: string; eligible: boolean; docNo: string }
  | { kind: 'submit'; app: number }
  | { kind: 'approve'; app: number }
  | { kind: 'directorApprove'; app: number }
  | { kind: 'return'; app: number }
  | { kind: 'resubmit'; app: number }
  | { kind: 'reject'; app: number }
  | { kind: 'withdraw'; app: number }
  | { kind: 'object'; app: number; by: number }
  | { kind: 'decideObjection'; app: number; uphold: boolean }
  | { kind: 'endPublicity'; app: number }
  | { kind: 'cancelGrant'; app: number }
  | { kind: 'topUp'; amountFen: number }
  | { kind: 'buildBatch' }
  | { kind: 'lockBatch'; batch: number }
  | { kind: 'exportBatch'; batch: number }
  | { kind: 'cancelBatch'; batch: number }
  | { kind: 'statement'; lines: StatementPlan[] }
  | { kind: 'reimport'; statement: number }
  | { kind: 'killApi'; afterMs: number }
  | { kind: 'killWorker'; downFor: number };

type StatementPlan =
  | { kind: 'pay'; batch: number; item: number; status: 'success' | 'returned' }
  | { kind: 'repeat'; statement: number; line: number }
  | { kind: 'again'; batch: number; item: number }
  | { kind: 'wrongAmount'; batch: number; item: number }
  | { kind: 'unknown' };

export function describeOp(op: Op): string {
  const { kind, ...args } = op;
  const parts = Object.entries(args).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  return `${kind}${parts.length ? ` ${parts.join(' ')}` : ''}`;
}

export interface WorkloadOptions {
  seed: number;
  operations: number;
  log?: (line: string) => void;
  /**
   * `idle` (default): the worker is killed at its operation index once it holds no job, so a kill never
   * leaves a job locked in BullMQ. `anytime`: killed at once, possibly mid-job; BullMQ gives such a job
   * to another worker only when the dead one's lock lapses (WORKER_LOCK_DURATION_MS, 2 minutes), which
   * the run then waits for.
   */
  workerKills?: 'idle' | 'anytime';
}

export interface WorkloadResult {
  seed: number;
  ops: string[];
  /** Where the system did something the model did not expect (each one fails the seed). */
  surprises: string[];
  /** Broken invariants after the run (each one fails the seed). */
  violations: string[];
  kills: { api: number; worker: number };
  notes: string[];
  durationMs: number;
  settleMs: number;
}

const FISCAL_YEAR = 2026;
const SETTLE_TIMEOUT_MS = 240_000;
const OPEN_ITEM: ItemState[] = ['draft', 'awaiting_bank'];

/** 409 "applied": the request committed before the api died, but its stored answer was lost. */
function answerLost(res: HttpResult): boolean {
  return res.status === 409 && /idempotency-key-applied/.test(String(res.body?.type));
}

export class Workload {
  readonly prng: Prng;
  private admin!: string;
  private officer!: User;
  private director!: User;
  private finance!: User;
  private auditor!: User;
  private poolId!: string;
  private pool = { allocated: 0, reserved: 0, paid: 0 };
  private enterprises: Enterprise[] = [];
  private apps: MApp[] = [];
  private batches: MBatch[] = [];
  private statements: MLine[][] = [];
  private txSeq = 0;
  private opIndex = -1;
  private callSeq = 0;
  private interrupted = false;
  private armedKill: number | undefined;
  private killing: Promise<void> | undefined;
  private workerBackAt: number | undefined;
  private lastInsufficient = false;
  readonly ops: string[] = [];
  readonly surprises: string[] = [];
  readonly notes: string[] = [];
  readonly kills = { api: 0, worker: 0 };

  constructor(
    private readonly stack: DrillStack,
    private readonly options: WorkloadOptions,
  ) {
    this.prng = new Prng(options.seed);
  }

  private log(line: string): void {
    this.options.log?.(line);
  }

  private get http() {
    return this.stack.http(0);
  }

  // ---------------------------------------------------------------- setup

  async setup(): Promise<void> {
    this.admin = await login(this.http, this.stack.adminUsername, this.stack.adminPassword);
    const s = this.options.seed;
    [this.officer, this.director, this.finance, this.auditor] = await Promise.all(
      ['officer', 'director', 'finance', 'auditor'].map((role) =>
        createStaff(this.http, this.admin, role, PLATFORM.zone, `s${s}`),
      ),
    );
    // A pool that covers a few grants, so approvals sometimes find it short and wait for a top-up.
    const allocated = this.prng.int(3, 8) * 50_000_000;
    const res = await this.http.post(
      '/fund-pools',
      { programCode: PLATFORM.program, fiscalYear: FISCAL_YEAR, allocatedFen: allocated },
      { token: this.finance.token },
    );
    if (res.status !== 201) throw new Error(`pool: ${res.status} ${res.text}`);
    this.poolId = res.body.id;
    this.pool.allocated = allocated;
  }

  // ---------------------------------------------------------------- the run

  async run(): Promise<void> {
    for (let i = 0; i < this.options.operations; i++) {
      this.opIndex = i;
      this.callSeq = 0;
      this.interrupted = false;
      if (this.workerBackAt !== undefined && i >= this.workerBackAt) await this.restartWorker();
      const op = this.choose();
      const line = `#${i} ${describeOp(op)}`;
      this.ops.push(line);
      this.log(line);
      await this.execute(op);
    }
  }

  /** Brings every process back, lets the system finish its work and compares it with the model. */
  async finish(): Promise<number> {
    await this.ensureApi();
    await this.restartWorker();
    for (const app of this.apps) await this.settle(app);
    const { waitedMs } = await waitForQuiescence((t, p) => this.stack.query(t, p), SETTLE_TIMEOUT_MS);
    await this.compareWithModel();
    return waitedMs;
  }

  async invariants(): Promise<string[]> {
    return checkInvariants((t, p) => this.stack.query(t, p), {
      http: this.http,
      auditorToken: this.auditor.token,
    });
  }

  // ---------------------------------------------------------------- choosing the next operation

  private inState(...states: ModelState[]): MApp[] {
    return this.apps.filter((a) => states.includes(a.state));
  }

  private openItemOf(app: MApp) {
    for (const b of this.batches)
      for (const item of b.items) if (item.app === app.n && OPEN_ITEM.includes(item.state)) return item;
    return undefined;
  }

  private available(): number {
    return this.pool.allocated - this.pool.reserved - this.pool.paid;
  }

  private choose(): Op {
    const p = this.prng;
    const payable = this.inState('approved').filter((a) => !this.openItemOf(a));
    const draftBatches = this.batches.filter((b) => b.state === 'draft');
    const lockedBatches = this.batches.filter((b) => b.state === 'locked');
    const awaiting = this.batches.filter(
      (b) => ['exported'].includes(b.state) && b.items.some((i) => i.state === 'awaiting_bank'),
    );
    const open = this.apps.filter((a) => !['rejected', 'withdrawn', 'cancelled', 'paid'].includes(a.state));
    const previous = this.ops.at(-1) ?? '';
    const lastWasKill = / kill/.test(previous);
    const kind = p.weighted<Op['kind']>([
      ['register', this.enterprises.length === 0 ? 100 : this.enterprises.length < 5 ? 2 : 0],
      ['create', this.enterprises.length > 0 && open.length < 14 ? 4 : 0],
      ['submit', this.inState('draft').length ? 5 : 0],
      ['approve', this.inState('first_review').length ? 5 : 0],
      ['directorApprove', this.inState('director_approval').length ? 4 : 0],
      ['return', this.inState('first_review').length ? 1 : 0],
      ['resubmit', this.inState('amending').length ? 3 : 0],
      ['reject', this.inState('first_review', 'director_approval').length ? 0.8 : 0],
      [
        'withdraw',
        this.inState('draft', 'first_review', 'director_approval', 'amending', 'publicity').length ? 0.6 : 0,
      ],
      ['object', this.inState('publicity').length && this.enterprises.length > 1 ? 1 : 0],
      ['decideObjection', this.inState('objection').length ? 3 : 0],
      [
        'endPublicity',
        this.apps.some((a) => ['publicity', 'objection'].includes(a.state) && !a.publicityEnded) ? 4 : 0,
      ],
      ['cancelGrant', this.inState('approved').length ? 0.4 : 0],
      ['topUp', this.lastInsufficient ? 4 : 0.3],
      ['buildBatch', payable.length ? 3 : 0],
      ['lockBatch', draftBatches.length ? 3 : 0],
      ['exportBatch', lockedBatches.length ? 3 : 0],
      ['cancelBatch', draftBatches.length + lockedBatches.length ? 0.4 : 0],
      ['statement', awaiting.length ? 4 : 0],
      ['reimport', this.statements.length ? 0.6 : 0],
      ['killApi', lastWasKill ? 0 : 1.2],
      ['killWorker', lastWasKill || this.workerBackAt !== undefined ? 0 : 1],
    ]);
    const s = this.options.seed;
    switch (kind) {
      case 'register':
        return { kind, tag: `s${s}e${this.enterprises.length}` };
      case 'create':
        return {
          kind,
          ent: p.int(0, this.enterprises.length - 1),
          tier: p.weighted([
            ['municipal-platform', 5],
            ['provincial-platform', 2],
            ['national-platform', 1],
          ]),
          eligible: p.chance(0.85),
          docNo: `s${s}n${this.apps.length}`,
        };
      case 'submit':
      case 'resubmit':
      case 'approve':
      case 'directorApprove':
      case 'return':
      case 'reject':
      case 'withdraw':
      case 'cancelGrant': {
        const states: Record<string, ModelState[]> = {
          submit: ['draft'],
          resubmit: ['amending'],
          approve: ['first_review'],
          directorApprove: ['director_approval'],
          return: ['first_review'],
          reject: ['first_review', 'director_approval'],
          withdraw: ['draft', 'first_review', 'director_approval', 'amending', 'publicity'],
          cancelGrant: ['approved'],
        };
        return { kind, app: p.pick(this.inState(...states[kind])).n };
      }
      case 'object': {
        const app = p.pick(this.inState('publicity'));
        const others = this.enterprises.map((_, i) => i).filter((i) => i !== app.ent);
        return { kind, app: app.n, by: p.pick(others) };
      }
      case 'decideObjection':
        return { kind, app: p.pick(this.inState('objection')).n, uphold: p.chance(0.4) };
      case 'endPublicity':
        return {
          kind,
          app: p.pick(
            this.apps.filter((a) => ['publicity', 'objection'].includes(a.state) && !a.publicityEnded),
          ).n,
        };
      case 'topUp':
        return { kind, amountFen: p.int(1, 4) * 50_000_000 };
      case 'buildBatch':
        return { kind };
      case 'lockBatch':
        return { kind, batch: p.pick(draftBatches).n };
      case 'exportBatch':
        return { kind, batch: p.pick(lockedBatches).n };
      case 'cancelBatch':
        return { kind, batch: p.pick([...draftBatches, ...lockedBatches]).n };
      case 'statement':
        return { kind, lines: this.planStatement(awaiting) };
      case 'reimport':
        return { kind, statement: p.int(0, this.statements.length - 1) };
      case 'killApi':
        return { kind, afterMs: p.int(0, 30) };
      case 'killWorker':
        return { kind, downFor: p.int(0, 4) };
    }
  }

  private planStatement(awaiting: MBatch[]): StatementPlan[] {
    const p = this.prng;
    const lines: StatementPlan[] = [];
    for (const batch of awaiting) {
      batch.items.forEach((item, idx) => {
        if (item.state !== 'awaiting_bank' || !p.chance(0.7)) return;
        lines.push({
          kind: 'pay',
          batch: batch.n,
          item: idx,
          status: p.chance(0.8) ? 'success' : 'returned',
        });
      });
    }
    if (lines.length === 0) {
      const batch = p.pick(awaiting);
      const idx = batch.items.findIndex((i) => i.state === 'awaiting_bank');
      lines.push({ kind: 'pay', batch: batch.n, item: idx, status: 'success' });
    }
    // An overlapping statement repeats lines of an earlier one.
    if (this.statements.length && p.chance(0.5)) {
      const k = p.int(0, this.statements.length - 1);
      if (this.statements[k].length)
        lines.push({ kind: 'repeat', statement: k, line: p.int(0, this.statements[k].length - 1) });
    }
    const paid = this.batches.flatMap((b) =>
      b.items.map((item, idx) => ({ b, item, idx })).filter((x) => x.item.state === 'paid'),
    );
    if (paid.length && p.chance(0.3)) {
      const x = p.pick(paid);
      lines.push({ kind: 'again', batch: x.b.n, item: x.idx });
    }
    if (p.chance(0.2)) {
      const x = p.pick(lines.filter((l): l is Extract<StatementPlan, { kind: 'pay' }> => l.kind === 'pay'));
      lines.push({ kind: 'wrongAmount', batch: x.batch, item: x.item });
    }
    if (p.chance(0.2)) lines.push({ kind: 'unknown' });
    return lines;
  }

  // ---------------------------------------------------------------- processes

  private async ensureApi(): Promise<void> {
    if (this.killing) {
      await this.killing;
      this.killing = undefined;
    }
    if (!this.stack.api.alive) await this.stack.api.start();
  }

  private async restartWorker(): Promise<void> {
    this.workerBackAt = undefined;
    if (!this.stack.worker.alive) {
      this.log(`   worker back`);
      await this.stack.worker.start();
    }
  }

  /** Waits (at most 10 s) until no BullMQ queue of the stack has an active job and no outbox row is due. */
  private async workerIdle(): Promise<void> {
    const redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: 2 });
    redis.on('error', () => undefined);
    try {
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline) {
        const keys = await redis.keys(`${this.stack.redisPrefix}:*:active`);
        const active = keys.length
          ? (await Promise.all(keys.map((k) => redis.llen(k)))).reduce((a, b) => a + b, 0)
          : 0;
        const [due] = await this.stack.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM outbox WHERE done_at IS NULL AND failed_at IS NULL AND sent_at IS NULL AND available_at <= now()`,
        );
        if (active === 0 && due.n === 0) return;
        await sleep(50);
      }
      this.notes.push(`#${this.opIndex} worker killed while busy (not idle within 10 s)`);
    } finally {
      redis.disconnect();
    }
  }

  // ---------------------------------------------------------------- HTTP with retries

  private idempotencyKey(): string {
    return `drill-${this.options.seed}-${this.opIndex}-${this.callSeq++}`;
  }

  /**
   * One request, driven to an HTTP answer: an api killed under it is restarted and the request sent
   * again with the same Idempotency-Key; a key still leased by the dead process is released (its lease
   * is moved into the past, as if the lease time had passed); a 503 is retried.
   */
  private async call(
    method: string,
    path: string,
    options: { token: string; body?: unknown; form?: () => FormData; idempotent?: boolean } = {
      token: '',
    },
  ): Promise<HttpResult> {
    const key = options.idempotent === false ? undefined : this.idempotencyKey();
    for (let attempt = 0; attempt < 10; attempt++) {
      await this.ensureApi();
      const kill = method === 'GET' ? undefined : this.armedKill;
      if (kill !== undefined) {
        this.armedKill = undefined;
        const api = this.stack.api;
        this.killing = sleep(kill).then(() => api.kill('SIGKILL'));
        this.kills.api++;
      }
      try {
        const res = await this.http.request(method, path, {
          token: options.token,
          body: options.form ? undefined : (options.body ?? (method === 'GET' ? undefined : {})),
          form: options.form?.(),
          headers: key ? { 'idempotency-key': key } : {},
        });
        if (this.killing) {
          await this.killing;
          this.killing = undefined;
        }
        if (res.status === 503) {
          this.interrupted = true;
          await sleep(500);
          continue;
        }
        if (res.status === 409 && /in-flight/.test(String(res.body?.type)) && key) {
          this.interrupted = true;
          await this.stack.query(
            `UPDATE idempotency_keys SET locked_until = now() - interval '1 second' WHERE key = $1 AND state = 'in_flight'`,
            [key],
          );
          continue;
        }
        return res;
      } catch (error) {
        if (!(error instanceof Unreachable)) throw error;
        this.interrupted = true;
        this.log(`   ${method} ${path}: cut off (${error.message.slice(0, 80)}); retrying`);
      }
    }
    throw new Error(`${method} ${path}: no answer after 10 attempts`);
  }

  /** Finance verifies the account the enterprise registered with: payments use verified accounts only. */
  private async verifyBankAccount(enterprise: Enterprise): Promise<void> {
    const view = await this.call('GET', `/enterprises/${enterprise.enterpriseId}`, {
      token: enterprise.token,
    });
    const change = view.body?.bankAccountChange as { id: string; state: string } | null | undefined;
    if (!change || change.state !== 'pending') return;
    const res = await this.call('POST', `/bank-account-changes/${change.id}/verify`, {
      token: this.finance.token,
      body: {},
    });
    if (res.status !== 200 && res.status !== 409) this.surprise('bank account verification', res);
  }

  private surprise(what: string, res?: HttpResult): void {
    const line = `#${this.opIndex} ${what}${res ? ` (HTTP ${res.status} ${res.text.slice(0, 300)})` : ''}`;
    this.surprises.push(line);
    this.log(`   SURPRISE ${line}`);
  }

  // ---------------------------------------------------------------- reading the truth

  private async dbState(app: MApp): Promise<{ state: string; version: number }> {
    const [row] = await this.stack.query<{ state: string; version: number }>(
      'SELECT state, version FROM applications WHERE id = $1',
      [app.id],
    );
    return row;
  }

  /** Waits until the application is where the model says it settles (the worker moves it there). */
  private async settle(app: MApp): Promise<void> {
    if (!app.settling) return;
    const deadline = Date.now() + SETTLE_TIMEOUT_MS;
    let current = await this.dbState(app);
    while (current.state !== app.state && Date.now() < deadline) {
      if (!this.stack.worker.alive) await this.restartWorker(); // the run needs it now
      await sleep(100);
      current = await this.dbState(app);
    }
    app.settling = false;
    const waited = SETTLE_TIMEOUT_MS - (deadline - Date.now());
    if (waited > 2000) this.log(`   waited ${(waited / 1000).toFixed(1)} s for app ${app.n} to settle`);
    if (current.state !== app.state) {
      this.surprise(`app ${app.n} settled in ${current.state}, expected ${app.state}`);
      this.adopt(app, current.state);
    }
  }

  /** After an interrupted operation, or a surprise: the model takes over what the database says. */
  private adopt(app: MApp, state: string): void {
    app.state = state as ModelState;
  }

  private async expectState(app: MApp, state: ModelState, res: HttpResult): Promise<void> {
    app.state = state;
    const current = await this.dbState(app);
    if (current.state !== state) {
      this.surprise(`app ${app.n} is ${current.state}, expected ${state}`, res);
      this.adopt(app, current.state);
    }
  }

  // ---------------------------------------------------------------- executing

  private async execute(op: Op): Promise<void> {
    switch (op.kind) {
      case 'killApi':
        this.armedKill = op.afterMs;
        return;
      case 'killWorker':
        this.kills.worker++;
        if (this.options.workerKills !== 'anytime') await this.workerIdle();
        await this.stack.worker.kill('SIGKILL');
        if (op.downFor === 0) await this.restartWorker();
        else this.workerBackAt = this.opIndex + 1 + op.downFor;
        return;
      case 'register':
        return this.register(op.tag);
      case 'create':
        return this.create(op);
      case 'topUp':
        return this.topUp(op.amountFen);
      case 'buildBatch':
        return this.buildBatch();
      case 'lockBatch':
        return this.lockBatch(this.batches[op.batch]);
      case 'exportBatch':
        return this.exportBatch(this.batches[op.batch]);
      case 'cancelBatch':
        return this.cancelBatch(this.batches[op.batch]);
      case 'statement':
        return this.importStatement(this.linesFor(op.lines));
      case 'reimport':
        return this.importStatement(this.statements[op.statement], true);
      default:
        return this.act(op);
    }
  }

  private async register(tag: string): Promise<void> {
    const body = registrationBody(PLATFORM.zone, tag);
    const res = await this.call('POST', '/auth/register-enterprise', { token: '', body });
    if (res.status === 201) {
      const enterprise = enterpriseFrom(body, res.body);
      await this.verifyBankAccount(enterprise);
      this.enterprises.push(enterprise);
      return;
    }
    if (this.interrupted && res.status === 409) {
      // Registered before the kill; the retry ran after the lease and found the USCC taken.
      const token = await login(this.http, body.username, body.password);
      const me = await this.call('GET', '/auth/me', { token });
      const enterprise = enterpriseFrom(body, {
        user: me.body,
        enterprise: { id: me.body.enterpriseId },
        accessToken: token,
      });
      await this.verifyBankAccount(enterprise);
      this.enterprises.push(enterprise);
      this.notes.push(
        `#${this.opIndex} registration retried after a kill: 409, the first attempt had committed`,
      );
      return;
    }
    throw new Error(`register: ${res.status} ${res.text}`);
  }

  private async create(op: Extract<Op, { kind: 'create' }>): Promise<void> {
    const ent = this.enterprises[op.ent];
    let res = await this.call('POST', '/applications', {
      token: ent.token,
      body: {
        programCode: PLATFORM.program,
        fiscalYear: FISCAL_YEAR,
        form: platformForm(op.tier, op.docNo, op.eligible),
      },
    });
    if (answerLost(res)) {
      // Created before the kill; the retry is told so and reads the draft instead.
      const [draft] = await this.stack.query<{ id: string; reference: string }>(
        `SELECT id, reference FROM applications WHERE enterprise_id = $1 AND form->>'approvalDocumentNo' = $2`,
        [ent.enterpriseId, platformForm(op.tier, op.docNo).approvalDocumentNo],
      );
      if (!draft) throw new Error(`create: answered "applied" but no draft exists (${res.text})`);
      res = { ...res, status: 201, body: draft };
    }
    if (res.status !== 201) throw new Error(`create: ${res.status} ${res.text}`);
    if (this.interrupted) {
      const drafts = await this.stack.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM applications WHERE enterprise_id = $1 AND form->>'approvalDocumentNo' = $2`,
        [ent.enterpriseId, platformForm(op.tier, op.docNo).approvalDocumentNo],
      );
      // The key is marked applied in the create's own transaction, so a retry never makes a second one.
      if (drafts[0].n > 1) this.surprise(`create retried after a kill made ${drafts[0].n} drafts`);
    }
    const app: MApp = {
      n: this.apps.length,
      ent: op.ent,
      id: res.body.id,
      reference: res.body.reference,
      tier: op.tier,
      amountFen: PLATFORM.tiers[op.tier],
      eligible: op.eligible,
      state: 'draft',
      settling: false,
      reserved: false,
      publicityEnded: false,
    };
    this.apps.push(app);
    const up = await this.call('POST', `/applications/${app.id}/documents/${PLATFORM.document}`, {
      token: ent.token,
      form: () => fileForm(),
      idempotent: false,
    });
    if (up.status !== 201) this.surprise(`upload for app ${app.n}`, up);
  }

  private async topUp(amountFen: number): Promise<void> {
    const target = this.pool.allocated + amountFen;
    const res = await this.call('PUT', `/fund-pools/${this.poolId}/allocation`, {
      token: this.finance.token,
      body: { allocatedFen: target, comment: 'drill top-up' },
      idempotent: false,
    });
    if (res.status !== 200) this.surprise('top-up', res);
    else {
      this.pool.allocated = target;
      this.lastInsufficient = false;
    }
  }

  /** Workflow actions on one application. */
  private async act(op: Extract<Op, { app: number }>): Promise<void> {
    const app = this.apps[op.app];
    await this.settle(app);
    const owner = this.enterprises[app.ent];
    const before = app.state;
    const action = (token: string, body: Record<string, unknown>) =>
      this.call('POST', `/applications/${app.id}/actions`, { token, body });
    let res: HttpResult;
    switch (op.kind) {
      case 'submit':
      case 'resubmit': {
        if (!['draft', 'amending'].includes(before)) return this.skipped(op, app);
        res = await this.call('POST', `/applications/${app.id}/submit`, { token: owner.token, body: {} });
        if (res.status !== 200 && !this.interrupted) return this.surprise(`${op.kind} app ${app.n}`, res);
        app.state = app.eligible ? 'first_review' : 'rejected';
        app.settling = true;
        return;
      }
      case 'approve':
      case 'directorApprove': {
        const token = op.kind === 'approve' ? this.officer.token : this.director.token;
        const routesToDirector = op.kind === 'approve' && app.amountFen > PLATFORM.directorAboveFen;
        const short = !routesToDirector && app.amountFen > this.available();
        res = await action(token, { type: 'approve', comment: '同意' });
        if (short) {
          if (res.status !== 409 || !/insufficient-funds/.test(String(res.body?.type)))
            this.surprise(`approve app ${app.n} with the pool short`, res);
          this.lastInsufficient = true;
          return this.expectState(app, before, res);
        }
        if (res.status !== 200 && !this.interrupted) this.surprise(`${op.kind} app ${app.n}`, res);
        if (routesToDirector) return this.expectState(app, 'director_approval', res);
        app.reserved = true;
        this.pool.reserved += app.amountFen;
        return this.expectState(app, 'publicity', res);
      }
      case 'return':
        res = await action(this.officer.token, { type: 'return', comment: '请补充材料' });
        if (res.status !== 200 && !this.interrupted) this.surprise(`return app ${app.n}`, res);
        return this.expectState(app, 'amending', res);
      case 'reject': {
        const token = app.state === 'first_review' ? this.officer.token : this.director.token;
        res = await action(token, { type: 'reject', comment: '不符合条件' });
        if (res.status !== 200 && !this.interrupted) this.surprise(`reject app ${app.n}`, res);
        return this.expectState(app, 'rejected', res);
      }
      case 'withdraw': {
        res = await action(owner.token, { type: 'withdraw', comment: '企业撤回' });
        if (res.status !== 200 && !this.interrupted) this.surprise(`withdraw app ${app.n}`, res);
        this.release(app);
        return this.expectState(app, 'withdrawn', res);
      }
      case 'object': {
        res = await action(this.enterprises[op.by].token, { type: 'object', comment: '该平台认定文件存疑' });
        if (res.status !== 200 && !this.interrupted) this.surprise(`object app ${app.n}`, res);
        return this.expectState(app, 'objection', res);
      }
      case 'decideObjection': {
        res = await action(this.director.token, {
          type: op.uphold ? 'uphold_objection' : 'dismiss_objection',
          comment: op.uphold ? '异议成立' : '异议不成立',
        });
        if (res.status !== 200 && !this.interrupted) this.surprise(`decide objection app ${app.n}`, res);
        if (op.uphold) {
          this.release(app);
          return this.expectState(app, 'rejected', res);
        }
        return this.expectState(app, app.publicityEnded ? 'approved' : 'publicity', res);
      }
      case 'cancelGrant': {
        res = await action(this.director.token, { type: 'cancel', comment: '项目终止' });
        if (res.status !== 200 && !this.interrupted) this.surprise(`cancel grant app ${app.n}`, res);
        this.release(app);
        return this.expectState(app, 'cancelled', res);
      }
      case 'endPublicity':
        return this.endPublicity(app);
    }
  }

  private skipped(op: Op, app: MApp): void {
    this.notes.push(`#${this.opIndex} ${op.kind} skipped: app ${app.n} is ${app.state}`);
  }

  private release(app: MApp): void {
    if (!app.reserved) return;
    app.reserved = false;
    this.pool.reserved -= app.amountFen;
  }

  /** Five working days later (time moved forward: the publicity-end job is due now); the worker ends it. */
  private async endPublicity(app: MApp): Promise<void> {
    const rows = await this.stack.query<{ id: string }>(
      `UPDATE outbox SET available_at = now() - interval '1 second'
       WHERE queue = 'deadlines' AND payload->>'applicationId' = $1 AND payload->>'kind' = 'publicity-end'
         AND done_at IS NULL RETURNING id`,
      [app.id],
    );
    await this.stack.query(`SELECT pg_notify('huiqi_outbox', '')`);
    if (rows.length !== 1) return this.surprise(`app ${app.n} has ${rows.length} pending publicity-end jobs`);
    app.publicityEnded = true;
    if (app.state === 'publicity') {
      app.state = 'approved';
      app.settling = true;
      return;
    }
    // In objection the end is only recorded: wait for the job to be done.
    const deadline = Date.now() + SETTLE_TIMEOUT_MS;
    for (;;) {
      const [row] = await this.stack.query<{ done: boolean }>(
        'SELECT done_at IS NOT NULL AS done FROM outbox WHERE id = $1',
        [rows[0].id],
      );
      if (row.done) return;
      if (Date.now() > deadline) throw new Error(`publicity end of app ${app.n} never processed`);
      if (!this.stack.worker.alive) await this.restartWorker();
      await sleep(100);
    }
  }

  // ---------------------------------------------------------------- finance

  private async buildBatch(): Promise<void> {
    for (const app of this.apps) await this.settle(app);
    const expected = this.inState('approved').filter((a) => !this.openItemOf(a));
    let res = await this.call('POST', '/disbursement-batches', {
      token: this.finance.token,
      body: { programCode: PLATFORM.program, fiscalYear: FISCAL_YEAR, note: `drill op ${this.opIndex}` },
    });
    if ((res.status === 422 || answerLost(res)) && this.interrupted) {
      // Built before the kill; the retry is told so, or (the key's mark lost with the api) finds every
      // grant in that batch already.
      const list = await this.call('GET', '/disbursement-batches', { token: this.finance.token });
      const draft = (list.body.items as { id: string; state: string; note: string | null }[]).find(
        (b) => b.note === `drill op ${this.opIndex}`,
      );
      if (!draft) return this.surprise('batch lost after a kill', res);
      res = await this.call('GET', `/disbursement-batches/${draft.id}`, { token: this.finance.token });
    }
    if (res.status !== 201 && res.status !== 200) return this.surprise('build batch', res);
    const items = res.body.items as {
      id: string;
      applicationId: string;
      paymentReference: string;
      amountFen: number;
    }[];
    const batch: MBatch = {
      n: this.batches.length,
      id: res.body.id,
      state: 'draft',
      items: items.map((i) => ({
        app: this.apps.findIndex((a) => a.id === i.applicationId),
        id: i.id,
        ref: i.paymentReference,
        amountFen: i.amountFen,
        state: 'draft' as ItemState,
      })),
    };
    const got = batch.items.map((i) => i.app).sort((a, b) => a - b);
    const want = expected.map((a) => a.n).sort((a, b) => a - b);
    if (JSON.stringify(got) !== JSON.stringify(want))
      this.surprise(`batch holds apps ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
    for (const item of batch.items)
      if (item.app < 0 || item.amountFen !== this.apps[item.app].amountFen)
        this.surprise(`batch item ${item.ref} for an unknown app or with the wrong amount`);
    this.batches.push(batch);
  }

  private async lockBatch(batch: MBatch): Promise<void> {
    for (const item of batch.items) await this.settle(this.apps[item.app]);
    const payable = batch.items.filter((i) => i.state === 'draft' && this.apps[i.app].state === 'approved');
    const res = await this.call('POST', `/disbursement-batches/${batch.id}/lock`, {
      token: this.finance.token,
      body: {},
    });
    if (payable.length === 0) {
      if (res.status !== 409) this.surprise('lock of a batch with nothing payable', res);
      return;
    }
    if (res.status !== 200 && !(this.interrupted && res.status === 409))
      return this.surprise('lock batch', res);
    batch.state = 'locked';
    for (const item of batch.items) {
      if (item.state !== 'draft') continue;
      if (this.apps[item.app].state === 'approved') {
        item.state = 'awaiting_bank';
        await this.expectState(this.apps[item.app], 'disbursing', res);
      } else item.state = 'removed';
    }
    await this.expectBatch(batch);
  }

  private async exportBatch(batch: MBatch): Promise<void> {
    const res = await this.call('POST', `/disbursement-batches/${batch.id}/export`, {
      token: this.finance.token,
      body: {},
      idempotent: false,
    });
    if (res.status !== 200) return this.surprise('export batch', res);
    for (const item of batch.items.filter((i) => i.state === 'awaiting_bank'))
      if (!res.text.includes(item.ref)) this.surprise(`payment file misses ${item.ref}`);
    batch.state = 'exported';
    await this.expectBatch(batch);
  }

  private async cancelBatch(batch: MBatch): Promise<void> {
    const res = await this.call('POST', `/disbursement-batches/${batch.id}/cancel`, {
      token: this.finance.token,
      body: { reason: '演练取消' },
    });
    if (res.status !== 200 && !(this.interrupted && res.status === 409))
      return this.surprise('cancel batch', res);
    const wasLocked = batch.state === 'locked';
    batch.state = 'cancelled';
    for (const item of batch.items) {
      if (item.state === 'draft') item.state = 'removed';
      if (item.state === 'awaiting_bank' && wasLocked) {
        item.state = 'cancelled';
        await this.expectState(this.apps[item.app], 'approved', res);
      }
    }
    await this.expectBatch(batch);
  }

  private async expectBatch(batch: MBatch): Promise<void> {
    const [row] = await this.stack.query<{ state: string }>(
      'SELECT state FROM disbursement_batches WHERE id = $1',
      [batch.id],
    );
    if (row.state !== batch.state) {
      this.surprise(`batch ${batch.n} is ${row.state}, expected ${batch.state}`);
      batch.state = row.state as MBatch['state'];
    }
    const items = await this.stack.query<{ id: string; state: ItemState }>(
      'SELECT id, state FROM disbursement_items WHERE batch_id = $1',
      [batch.id],
    );
    for (const item of batch.items) {
      const actual = items.find((i) => i.id === item.id)?.state;
      if (actual !== item.state) {
        this.surprise(`batch ${batch.n} item ${item.ref} is ${actual}, expected ${item.state}`);
        if (actual) item.state = actual;
      }
    }
  }

  /** A statement imported before the kill, whose answer was lost: its report, read back. */
  private async importedBefore(lost: HttpResult): Promise<HttpResult> {
    const fileName = `drill-${this.options.seed}-${this.opIndex}.csv`;
    const list = await this.call('GET', '/bank-statements?pageSize=100', { token: this.finance.token });
    const found = (list.body.items as { id: string; fileName: string }[]).find(
      (s) => s.fileName === fileName,
    );
    if (!found) return lost;
    const report = await this.call('GET', `/bank-statements/${found.id}`, { token: this.finance.token });
    return report.status === 200 ? { ...report, status: 201 } : report;
  }

  private linesFor(plan: StatementPlan[]): MLine[] {
    const tx = () => `DRILL${this.options.seed}-${String(++this.txSeq).padStart(5, '0')}`;
    return plan.flatMap((l): MLine[] => {
      switch (l.kind) {
        case 'pay': {
          const item = this.batches[l.batch].items[l.item];
          return [{ txId: tx(), ref: item.ref, amountFen: item.amountFen, status: l.status }];
        }
        case 'repeat': {
          const line = this.statements[l.statement][l.line];
          return line ? [line] : [];
        }
        case 'again': {
          const item = this.batches[l.batch].items[l.item];
          return [{ txId: tx(), ref: item.ref, amountFen: item.amountFen, status: 'success' }];
        }
        case 'wrongAmount': {
          const item = this.batches[l.batch].items[l.item];
          return [{ txId: tx(), ref: item.ref, amountFen: item.amountFen + 1, status: 'success' }];
        }
        case 'unknown':
          return [{ txId: tx(), ref: `HQ999999999P${this.txSeq}`, amountFen: 12_300, status: 'success' }];
      }
    });
  }

  /** Imports a statement and checks each line's outcome against the model, which it then moves on. */
  private async importStatement(lines: MLine[], reimport = false): Promise<void> {
    const seen = new Set(this.statements.flat().map((l) => l.txId));
    const csv = [
      'transaction_id,value_date,direction,amount,payment_reference,status,reason',
      ...lines.map(
        (l) =>
          `${l.txId},${bankDate()},debit,${yuan(l.amountFen)},${l.ref},${l.status},${l.status === 'returned' ? '账户已销户' : ''}`,
      ),
    ].join('\r\n');
    let res = await this.call('POST', '/bank-statements', {
      token: this.finance.token,
      body: { fileName: `drill-${this.options.seed}-${this.opIndex}.csv`, content: csv },
    });
    if (answerLost(res)) res = await this.importedBefore(res);
    if (res.status !== 201) return this.surprise('statement import', res);
    if (!reimport) this.statements.push(lines);
    const outcomes = (res.body.lines as { outcome: string }[]).map((l) => l.outcome);
    const expected: string[] = [];
    const touched = new Set<MBatch>();
    const inFile = new Set<string>();
    for (const line of lines) {
      if (seen.has(line.txId) || inFile.has(line.txId)) {
        expected.push('duplicate');
        continue;
      }
      inFile.add(line.txId);
      const found = this.batches
        .flatMap((b) => b.items.map((item) => ({ b, item })))
        .find((x) => x.item.ref === line.ref);
      if (!found) {
        expected.push('unknown_reference');
        continue;
      }
      const { b, item } = found;
      if (item.state !== 'awaiting_bank') {
        expected.push('already_settled');
        continue;
      }
      if (line.amountFen !== item.amountFen) {
        expected.push('amount_mismatch');
        continue;
      }
      const app = this.apps[item.app];
      touched.add(b);
      if (line.status === 'success') {
        expected.push('matched');
        item.state = 'paid';
        app.reserved = false;
        this.pool.reserved -= app.amountFen;
        this.pool.paid += app.amountFen;
        await this.expectState(app, 'paid', res);
      } else {
        expected.push('returned');
        item.state = 'returned';
        await this.expectState(app, 'approved', res);
      }
    }
    for (const b of touched) {
      if (b.items.some((i) => i.state === 'awaiting_bank')) continue;
      b.state = b.items.some((i) => i.state === 'returned') ? 'partly_settled' : 'settled';
    }
    for (const b of touched) await this.expectBatch(b);
    // An import retried after a kill may have run twice: the second run finds every line a duplicate.
    const duplicatedByRetry = this.interrupted && outcomes.every((o) => o === 'duplicate');
    if (JSON.stringify(outcomes) !== JSON.stringify(expected) && !duplicatedByRetry)
      this.surprise(
        `statement outcomes ${JSON.stringify(outcomes)}, expected ${JSON.stringify(expected)}`,
        res,
      );
  }

  // ---------------------------------------------------------------- the end

  private async compareWithModel(): Promise<void> {
    for (const app of this.apps) {
      const { state } = await this.dbState(app);
      if (state !== app.state)
        this.surprise(`at the end app ${app.n} is ${state}, the model says ${app.state}`);
    }
    const [pool] = await this.stack.query<{ allocated: string; reserved: string; paid: string }>(
      'SELECT allocated_fen AS allocated, reserved_fen AS reserved, paid_fen AS paid FROM fund_pools WHERE id = $1',
      [this.poolId],
    );
    const actual = {
      allocated: Number(pool.allocated),
      reserved: Number(pool.reserved),
      paid: Number(pool.paid),
    };
    if (JSON.stringify(actual) !== JSON.stringify(this.pool))
      this.surprise(`pool is ${JSON.stringify(actual)}, the model says ${JSON.stringify(this.pool)}`);
  }
}

/**
 * One seed, start to end: a stack of its own, setup, the operations, the finish, the invariants, and
 * the stack destroyed. Never throws for a broken invariant: the result says what broke.
 */
export async function runSeed(options: WorkloadOptions & { stackLabel?: string }): Promise<WorkloadResult> {
  const started = Date.now();
  const stack = await DrillStack.start({ label: options.stackLabel ?? `wl${options.seed}` });
  const workload = new Workload(stack, options);
  let settleMs = 0;
  const violations: string[] = [];
  try {
    await workload.setup();
    await workload.run();
    settleMs = await workload.finish();
    violations.push(...(await workload.invariants()));
  } catch (error) {
    violations.push(`the run stopped: ${(error as Error).stack ?? String(error)}`);
  } finally {
    await stack.destroy();
  }
  return {
    seed: options.seed,
    ops: workload.ops,
    surprises: workload.surprises,
    violations,
    kills: workload.kills,
    notes: workload.notes,
    durationMs: Date.now() - started,
    settleMs,
  };
}
