import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Row, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ProblemAlert } from '../../../components/problem-alert';
import { ApiProblem, toProblem, type ProblemDocument } from '../../../lib/api/problem';
import { useMe } from '../../../lib/auth/use-me';
import { useLanguage } from '../../../lib/i18n';
import { useLabels } from '../../../lib/labels';
import { useProgramVersion, useSaveDraft } from '../api/policy-admin';
import { PageHeading, textIn } from '../components/shared';

/** Parts of the definition edited as plain fields; each is a field path the API may name. */
const SIMPLE_FIELDS = [
  'title.zh',
  'title.en',
  'summary.zh',
  'summary.en',
  'effectiveFrom',
  'effectiveTo',
  'publicityWorkingDays',
] as const;
/** Parts edited as JSON, one box each (conditions, amounts, documents, deadlines, form fields...). */
const JSON_SECTIONS = [
  'eligibility',
  'amount',
  'parameters',
  'caps',
  'documents',
  'formFields',
  'sla',
  'route',
] as const;
const IDENTITY = ['code', 'zone', 'version'];
const SIMPLE_TOPS = new Set(SIMPLE_FIELDS.map((f) => f.split('.')[0]));

type Definition = Record<string, unknown>;
interface EditorValues {
  title: { zh: string; en: string };
  summary: { zh: string; en: string };
  effectiveFrom: string;
  effectiveTo: string;
  publicityWorkingDays: number;
  json: Record<string, string>;
}

const pretty = (v: unknown) => JSON.stringify(v ?? null, null, 2);

function toValues(d: Definition): EditorValues {
  const rest = Object.fromEntries(
    Object.entries(d).filter(
      ([k]) =>
        !IDENTITY.includes(k) && !SIMPLE_TOPS.has(k) && !(JSON_SECTIONS as readonly string[]).includes(k),
    ),
  );
  return {
    title: d.title as EditorValues['title'],
    summary: d.summary as EditorValues['summary'],
    effectiveFrom: String(d.effectiveFrom ?? ''),
    effectiveTo: (d.effectiveTo as string | null) ?? '',
    publicityWorkingDays: d.publicityWorkingDays as number,
    json: { ...Object.fromEntries(JSON_SECTIONS.map((k) => [k, pretty(d[k])])), other: pretty(rest) },
  };
}

/** The form's item for a field path the API names: a plain field, else the JSON box holding it. */
function formItemFor(field: string): { name: (string | number)[]; prefix: string } {
  if ((SIMPLE_FIELDS as readonly string[]).includes(field)) return { name: field.split('.'), prefix: '' };
  const [top, ...rest] = field.split('.');
  if (top === 'title' || top === 'summary')
    return { name: [top, 'zh'], prefix: rest.length ? '' : `${field}: ` };
  if ((JSON_SECTIONS as readonly string[]).includes(top))
    return { name: ['json', top], prefix: rest.length > 0 ? `${rest.join('.')}: ` : '' };
  return { name: ['json', 'other'], prefix: `${field}: ` };
}

const itemId = (name: (string | number)[]) => `draft_${name.join('_')}`;

/** 草稿编辑: a draft's definition, each validation problem shown at its field; saved with If-Match. */
export function DraftEditorPage() {
  const { code = '', version: versionParam = '' } = useParams();
  const version = Number(versionParam);
  const { t } = useTranslation();
  const language = useLanguage();
  const label = useLabels();
  const { message } = App.useApp();
  const me = useMe();
  const loaded = useProgramVersion(code, version);
  const save = useSaveDraft(code, version);
  const [form] = Form.useForm<EditorValues>();
  const [revision, setRevision] = useState<number | null>(null);
  const [problem, setProblem] = useState<ProblemDocument | null>(null);
  const [summary, setSummary] = useState<{ id: string; field: string; message: string }[]>([]);

  useEffect(() => {
    if (loaded.data && revision === null) {
      form.setFieldsValue(toValues(loaded.data.definition as Definition));
      setRevision(loaded.data.revision);
    }
  }, [loaded.data, revision, form]);

  if (loaded.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (loaded.isError) return <ProblemAlert problem={toProblem(loaded.error, t('app.networkError'))} />;
  const v = loaded.data;
  const programPath = `/policy/programs/${encodeURIComponent(code)}`;
  if (v.status !== 'draft')
    return <Alert type="info" showIcon message={t('policy.editor.notDraft', { version })} />;
  // Auditors read the draft; only the zone's policy admins save it (the API refuses anyone else).
  const canWrite = me.data?.role === 'policy_admin';

  const showErrors = (errors: { name: (string | number)[]; field: string; messages: string[] }[]) => {
    form.setFields(errors.map((e) => ({ name: e.name as never, errors: e.messages })));
    setSummary(
      errors.flatMap((e) => e.messages.map((m) => ({ id: itemId(e.name), field: e.field, message: m }))),
    );
  };

  const onSave = async () => {
    setProblem(null);
    setSummary([]);
    const values = form.getFieldsValue(true) as EditorValues;
    const base = { ...(v.definition as Definition) };
    const jsonErrors: { name: (string | number)[]; field: string; messages: string[] }[] = [];
    const parsed: Record<string, unknown> = {};
    for (const key of [...JSON_SECTIONS, 'other']) {
      try {
        parsed[key] = JSON.parse(values.json[key] ?? 'null');
      } catch (error) {
        jsonErrors.push({
          name: ['json', key],
          field: key,
          messages: [t('policy.editor.badJson', { detail: error instanceof Error ? error.message : '' })],
        });
      }
    }
    // Clear every earlier error first, so a fixed field stops showing it.
    form.setFields(
      [...SIMPLE_FIELDS.map((f) => f.split('.')), ...[...JSON_SECTIONS, 'other'].map((k) => ['json', k])].map(
        (name) => ({ name: name as never, errors: [] }),
      ),
    );
    if (jsonErrors.length > 0) return showErrors(jsonErrors);
    const other = (parsed.other ?? {}) as Definition;
    const definition: Definition = {
      ...Object.fromEntries(Object.entries(base).filter(([k]) => SIMPLE_TOPS.has(k) || IDENTITY.includes(k))),
      ...other,
      title: values.title,
      summary: values.summary,
      effectiveFrom: values.effectiveFrom,
      effectiveTo: values.effectiveTo ? values.effectiveTo : null,
      publicityWorkingDays: values.publicityWorkingDays,
      ...Object.fromEntries(JSON_SECTIONS.map((k) => [k, parsed[k]])),
    };
    delete definition.version;
    try {
      const saved = await save.mutateAsync({ definition, revision: revision ?? v.revision });
      setRevision(saved.revision);
      form.setFieldsValue(toValues(saved.definition as Definition));
      void message.success(t('policy.editor.saved', { revision: saved.revision }));
    } catch (error) {
      if (error instanceof ApiProblem && (error.problem.errors ?? []).length > 0) {
        setProblem(error.problem);
        showErrors(
          (error.problem.errors ?? []).map((e) => {
            const item = formItemFor(e.field);
            return { name: item.name, field: e.field, messages: e.messages.map((m) => `${item.prefix}${m}`) };
          }),
        );
      } else setProblem(toProblem(error, t('app.networkError')));
    }
  };

  const jsonBox = (key: string, rows = 8) => (
    <Form.Item
      key={key}
      name={['json', key]}
      label={t(`policy.editor.sections.${key}`)}
      extra={t(`policy.editor.sectionHelp.${key}`, { defaultValue: '' }) || undefined}
    >
      <Input.TextArea rows={rows} spellCheck={false} style={{ fontFamily: 'monospace', fontSize: 13 }} />
    </Form.Item>
  );

  return (
    <>
      <PageHeading
        title={t('policy.editor.title', { title: textIn(v.title, language), version })}
        intro={t('policy.editor.intro', {
          mode: label('programMode', v.mode),
          category: label('programCategory', v.category),
          revision: revision ?? v.revision,
        })}
        extra={
          <>
            <Link to={programPath}>
              <Button>{t('policy.editor.back')}</Button>
            </Link>
            <Link to={`${programPath}/versions/${version}/sandbox`}>
              <Button>{t('policy.program.sandbox')}</Button>
            </Link>
            {canWrite && (
              <Button type="primary" loading={save.isPending} onClick={() => void onSave()}>
                {t('policy.editor.save')}
              </Button>
            )}
          </>
        }
      />
      {summary.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          message={problem?.title ?? t('policy.editor.errorSummary')}
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }} aria-label={t('policy.editor.errorSummary')}>
              {summary.map((s, i) => (
                <li key={i}>
                  <a
                    style={{ textDecoration: 'underline' }}
                    href={`#${s.id}`}
                    onClick={(e) => {
                      e.preventDefault();
                      document.getElementById(s.id)?.focus();
                    }}
                  >
                    {s.field}
                  </a>
                  ：{s.message}
                </li>
              ))}
            </ul>
          }
        />
      )}
      {summary.length === 0 && <ProblemAlert problem={problem} />}
      <Form form={form} name="draft" layout="vertical" onFinish={() => void onSave()}>
        <Card title={t('policy.editor.basics')} style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name={['title', 'zh']} label={t('policy.editor.titleZh')}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name={['title', 'en']} label={t('policy.editor.titleEn')}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name={['summary', 'zh']} label={t('policy.editor.summaryZh')}>
                <Input.TextArea rows={2} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name={['summary', 'en']} label={t('policy.editor.summaryEn')}>
                <Input.TextArea rows={2} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card title={t('policy.editor.deadlines')} style={{ marginBottom: 16 }}>
          <Space wrap size="large" align="start">
            <Form.Item
              name="effectiveFrom"
              label={t('policy.editor.effectiveFrom')}
              extra={t('policy.editor.dateHelp')}
            >
              <Input placeholder="YYYY-MM-DD" style={{ width: 180 }} />
            </Form.Item>
            <Form.Item
              name="effectiveTo"
              label={t('policy.editor.effectiveTo')}
              extra={t('policy.editor.effectiveToHelp')}
            >
              <Input placeholder="YYYY-MM-DD" style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name="publicityWorkingDays" label={t('policy.editor.publicityWorkingDays')}>
              <InputNumber style={{ width: 180 }} />
            </Form.Item>
          </Space>
          {jsonBox('sla', 6)}
        </Card>
        <Card title={t('policy.editor.rules')} style={{ marginBottom: 16 }}>
          {jsonBox('eligibility', 10)}
          {jsonBox('amount', 8)}
          {jsonBox('parameters', 8)}
          {jsonBox('caps', 4)}
        </Card>
        <Card title={t('policy.editor.application')} style={{ marginBottom: 16 }}>
          {jsonBox('documents', 8)}
          {jsonBox('formFields', 10)}
          {jsonBox('route', 4)}
        </Card>
        <Card title={t('policy.editor.otherTitle')} style={{ marginBottom: 16 }}>
          <Typography.Paragraph type="secondary">{t('policy.editor.otherHelp')}</Typography.Paragraph>
          {jsonBox('other', 10)}
        </Card>
        {canWrite && (
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('policy.editor.save')}
          </Button>
        )}
      </Form>
    </>
  );
}
