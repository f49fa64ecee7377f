import { randomBytes } from 'node:crypto';
import { api, bearer, expectProblem, makeUscc, registerEnterprise, uniqueName } from '../support/api-client';

/** Chinese first: with no Accept-Language, or zh-CN, problems are in Chinese; `en` keeps English. */

const registration = () => ({
  uscc: makeUscc(),
  name: '湖南惠企语言测试科技有限公司',
  zoneCode: 'ningxiang-htz',
  username: uniqueName('lang').toLowerCase(),
  password: `pw-${randomBytes(6).toString('hex')}`,
});
const badCheckCharacter = (u: string) => u.slice(0, 17) + (u[17] === '0' ? '1' : '0');

describe('problem documents in the caller’s language', () => {
  describe.each([
    ['no Accept-Language', null],
    ['Accept-Language: zh-CN', 'zh-CN'],
    ['Accept-Language: zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN,zh;q=0.9,en;q=0.8'],
  ])('%s → Chinese', (_what, language) => {
    it('a registration with a bad USCC check character: Chinese title, detail and field message', async () => {
      const b = registration();
      const res = await api(language)
        .post('/auth/register-enterprise')
        .send({ ...b, uscc: badCheckCharacter(b.uscc) });
      expectProblem(res, 400);
      expect(res.body.type).toBe('urn:huiqi:problem:validation-error');
      expect(res.body.title).toBe('请求内容有误');
      expect(res.body.detail).toBe('以下字段有误：uscc');
      expect(res.body.errors).toEqual([
        { field: 'uscc', messages: ['统一社会信用代码校验位（第 18 位）不正确（GB 32100-2015）'] },
      ]);
    });

    it('an unknown property is refused by name, in Chinese', async () => {
      const res = await api(language)
        .post('/auth/register-enterprise')
        .send({ ...registration(), isAdmin: true });
      expectProblem(res, 400);
      expect(res.body.errors).toEqual([{ field: 'isAdmin', messages: ['不允许的字段 isAdmin'] }]);
    });

    it('a domain 409 (applying to a program granted without application)', async () => {
      const ent = await registerEnterprise('ningxiang-htz');
      const res = await api(language)
        .post('/applications')
        .set(bearer(ent.token))
        .send({ programCode: 'ningxiang-htz.high-tech-enterprise', form: {} });
      expectProblem(res, 409);
      expect(res.body.type).toBe('urn:huiqi:problem:conflict');
      expect(res.body.title).toBe('操作冲突');
      expect(res.body.detail).toBe('此项目为免申即享：符合条件的企业会收到待确认的兑现，无需申请。');
    });

    it('framework errors: an unknown route and a body that is not JSON', async () => {
      const route = await api(language).get('/no-such-route');
      expectProblem(route, 404);
      expect(route.body).toMatchObject({ title: '未找到', detail: '不存在接口 GET /no-such-route' });
      const json = await api(language)
        .post('/auth/login')
        .set('content-type', 'application/json')
        .send('{"username": ');
      expectProblem(json, 400);
      expect(json.body.title).toBe('请求有误');
      expect(json.body.detail).toMatch(/^请求体不是有效的 JSON/);
    });
  });

  describe('Accept-Language: en → English, as before', () => {
    it('the same three problems in English', async () => {
      const b = registration();
      const uscc = await api('en')
        .post('/auth/register-enterprise')
        .send({ ...b, uscc: badCheckCharacter(b.uscc) });
      expectProblem(uscc, 400);
      expect(uscc.body.title).toBe('Your request is not valid');
      expect(uscc.body.detail).toBe('Invalid fields: uscc');
      expect(uscc.body.errors).toEqual([
        { field: 'uscc', messages: ['uscc check character (18th) does not match (GB 32100-2015)'] },
      ]);

      const unknown = await api('en')
        .post('/auth/register-enterprise')
        .send({ ...registration(), isAdmin: true });
      expect(unknown.body.errors).toEqual([{ field: 'isAdmin', messages: ['isAdmin should not exist'] }]);

      const ent = await registerEnterprise('ningxiang-htz');
      const conflict = await api('en-GB')
        .post('/applications')
        .set(bearer(ent.token))
        .send({ programCode: 'ningxiang-htz.high-tech-enterprise', form: {} });
      expectProblem(conflict, 409);
      expect(conflict.body.title).toBe('Conflict');
      expect(conflict.body.detail).toMatch(/granted without application/);
    });
  });

  it('a user’s language preference wins over Accept-Language, and sets their notifications’ language', async () => {
    const ent = await registerEnterprise('ningxiang-htz');
    const before = await api().get('/me/preferences').set(bearer(ent.token)).expect(200);
    expect(before.body).toEqual({ language: null, notificationLanguage: 'zh-CN' });

    await api().put('/me/preferences').set(bearer(ent.token)).send({ language: 'en' }).expect(200);
    const after = await api().get('/me/preferences').set(bearer(ent.token)).expect(200);
    expect(after.body).toEqual({ language: 'en', notificationLanguage: 'en' });
    const res = await api('zh-CN')
      .post('/applications')
      .set(bearer(ent.token))
      .send({ programCode: 'ningxiang-htz.high-tech-enterprise', form: {} });
    expect(res.body.title).toBe('Conflict');

    // No Accept-Language would mean Chinese; the preference says English.
    const bad = await api(null).put('/me/preferences').set(bearer(ent.token)).send({ language: 'fr' });
    expectProblem(bad, 400);
    expect(bad.body.errors).toEqual([
      { field: 'language', messages: ['language must be one of the following values: zh-CN, en'] },
    ]);
    await api().put('/me/preferences').set(bearer(ent.token)).send({ language: 'zh-CN' }).expect(200);
    const zh = await api('en').put('/me/preferences').set(bearer(ent.token)).send({ language: 'fr' });
    expect(zh.body.errors).toEqual([
      { field: 'language', messages: ['language 必须是以下值之一：zh-CN, en'] },
    ]);
  });
});

describe('GET /labels', () => {
  it('is public, labels every code in both languages, and answers 304 to its ETag', async () => {
    const res = await api(null).get('/labels').expect(200);
    expect(res.headers.etag).toBe(`"${res.body.version}"`);
    const groups = res.body.groups as Record<string, Record<string, { zh: string; en: string }>>;
    for (const group of [
      'applicationState',
      'workflowAction',
      'stage',
      'programCategory',
      'programMode',
      'beneficiary',
      'grantPeriod',
      'documentType',
      'formFieldType',
      'role',
      'factKey',
      'factSource',
      'reconciliationOutcome',
      'batchState',
      'statementStatus',
      'clawbackState',
      'poolMovement',
      'notificationKind',
      'declaredFactStatus',
      'bankAccountChangeState',
      'zone',
    ]) {
      expect(Object.keys(groups[group] ?? {}).length).toBeGreaterThan(0);
      for (const label of Object.values(groups[group])) {
        expect(label).toEqual({ zh: expect.any(String), en: expect.any(String) });
      }
    }
    expect(groups.applicationState.first_review).toEqual({ zh: '初审中', en: 'first review' });
    expect(groups.programMode.auto.zh).toBe('免申即享');
    expect(groups.workflowAction.return.zh).toBe('退回补正');
    expect(groups.zone['ningxiang-htz'].zh).toBe('宁乡高新技术产业园区');
    expect(groups.notificationKind['application-submitted'].zh).toBe('申请已提交');

    await api(null).get('/labels').set('if-none-match', res.headers.etag).expect(304);
  });

  it('program views label every option of an enum form field', async () => {
    const ent = await registerEnterprise('ningxiang-htz');
    const detail = await api()
      .get('/programs/ningxiang-htz.platform-construction')
      .set(bearer(ent.token))
      .expect(200);
    const field = (detail.body.current.formFields as { name: string; optionLabels?: object }[]).find(
      (f) => f.name === 'platformType',
    );
    expect(field?.optionLabels).toMatchObject({
      'provincial-platform': { zh: '省级平台', en: 'Provincial platform' },
    });
    const list = await api().get('/programs?zone=ningxiang-htz').set(bearer(ent.token)).expect(200);
    for (const program of list.body as {
      formFields: { type: string; options?: string[]; optionLabels?: object }[];
    }[]) {
      for (const f of program.formFields.filter((x) => x.type === 'enum')) {
        expect(Object.keys(f.optionLabels ?? {}).sort()).toEqual([...(f.options ?? [])].sort());
      }
    }
  });
});
