import { Button, Card, Descriptions, List, Spin, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ProblemAlert } from '../../../components/problem-alert';
import { toProblem } from '../../../lib/api/problem';
import { useMe } from '../../../lib/auth/use-me';
import { useLanguage } from '../../../lib/i18n';
import { Label } from '../../../lib/labels';
import {
  asDefinition,
  contentTypeNames,
  DEFAULT_MAX_SIZE_BYTES,
  fieldLabel,
  formatBytes,
  localized,
} from '../../../lib/program-definition';
import { formatDate } from '../../../lib/time';
import { useCreateApplication } from '../api/create-application';
import { useProgram } from '../api/programs';
import { LABEL_COLOR } from '../../../lib/contrast';

/** A working-day figure of the definition's SLA, or a parameter reference the version resolved in settings. */
function days(
  settings: Record<string, unknown>,
  definitionSla: Record<string, unknown> | undefined,
  key: string,
) {
  const resolved = (settings.sla as Record<string, unknown> | undefined)?.[key];
  const value = typeof resolved === 'number' ? resolved : definitionSla?.[key];
  return typeof value === 'number' ? value : null;
}

/** 办事指南: a program's conditions, amounts, documents, deadlines and policy document, with Apply. */
export function ProgramPage() {
  const { code = '' } = useParams();
  const { t } = useTranslation();
  const language = useLanguage();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const program = useProgram(code);
  const create = useCreateApplication();
  if (program.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (program.isError) return <ProblemAlert problem={toProblem(program.error, t('app.networkError'))} />;
  const v = program.data.current;
  if (!v)
    return <ProblemAlert problem={{ type: 'about:blank', title: t('catalog.notInForce'), status: 404 }} />;
  const def = asDefinition(v.definition);
  const settings = v.settings;
  const slaRows = ['firstReview', 'expertReview', 'directorApproval', 'amendment', 'confirmation']
    .map((key) => ({ key, days: days(settings, def.sla, key) }))
    .filter((r) => r.days !== null);
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {localized(v.title, language)}
      </Typography.Title>
      <Typography.Paragraph>{localized(v.summary, language)}</Typography.Paragraph>
      {create.isError && <ProblemAlert problem={toProblem(create.error, t('app.networkError'))} />}
      {me?.role === 'enterprise' && v.mode !== 'auto' && (
        <Button
          type="primary"
          style={{ marginBottom: 16 }}
          loading={create.isPending}
          onClick={() =>
            create.mutate(v.code, { onSuccess: (draft) => void navigate(`/applications/${draft.id}/edit`) })
          }
        >
          {t('calculator.apply')}
        </Button>
      )}
      <Descriptions
        styles={{ label: { color: LABEL_COLOR } }}
        column={1}
        bordered
        style={{ marginBottom: 16 }}
      >
        <Descriptions.Item label={t('catalog.category')}>
          <Label group="programCategory" code={v.category} />
        </Descriptions.Item>
        <Descriptions.Item label={t('catalog.mode')}>
          <Label group="programMode" code={v.mode} />
        </Descriptions.Item>
        <Descriptions.Item label={t('catalog.beneficiary')}>
          <Label group="beneficiary" code={v.beneficiary} />
        </Descriptions.Item>
        <Descriptions.Item label={t('catalog.period')}>
          <Label group="grantPeriod" code={v.period} />
        </Descriptions.Item>
        <Descriptions.Item label={t('catalog.effective')}>
          {formatDate(v.effectiveFrom, language)}
          {' – '}
          {v.effectiveTo ? formatDate(v.effectiveTo, language) : t('catalog.openEnded')}
        </Descriptions.Item>
        <Descriptions.Item label={t('catalog.policyDocument')}>
          {localized(v.policyDocument.title, language)}
        </Descriptions.Item>
      </Descriptions>
      <Card
        title={
          <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
            {t('catalog.conditions')}
          </Typography.Title>
        }
        style={{ marginBottom: 16 }}
      >
        <List
          dataSource={def.eligibility ?? []}
          rowKey="id"
          locale={{
            emptyText: <Typography.Text type="secondary">{t('catalog.noConditions')}</Typography.Text>,
          }}
          renderItem={(c) => <List.Item>{localized(c.reason, language)}</List.Item>}
        />
      </Card>
      <Card
        title={
          <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
            {t('catalog.amounts')}
          </Typography.Title>
        }
        style={{ marginBottom: 16 }}
      >
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          {localized(v.summary, language)}
        </Typography.Paragraph>
      </Card>
      <Card
        title={
          <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
            {t('catalog.documents')}
          </Typography.Title>
        }
        style={{ marginBottom: 16 }}
      >
        <Table
          size="small"
          pagination={false}
          rowKey="type"
          dataSource={def.documents ?? []}
          locale={{
            emptyText: <Typography.Text type="secondary">{t('catalog.noDocuments')}</Typography.Text>,
          }}
          columns={[
            { title: t('catalog.document'), render: (_, d) => localized(d.title, language) },
            {
              title: t('catalog.mandatory'),
              render: (_, d) => (d.mandatory ? t('catalog.yes') : t('catalog.optional')),
            },
            {
              title: t('catalog.allowedTypes'),
              render: (_, d) => contentTypeNames(d.contentTypes, language),
            },
            {
              title: t('catalog.maxSize'),
              render: (_, d) => formatBytes(d.maxSizeBytes ?? DEFAULT_MAX_SIZE_BYTES),
            },
          ]}
        />
      </Card>
      {(def.formFields ?? []).length > 0 && (
        <Card
          title={
            <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
              {t('catalog.formFields')}
            </Typography.Title>
          }
          style={{ marginBottom: 16 }}
        >
          <ul style={{ margin: 0 }}>
            {(def.formFields ?? []).map((f) => (
              <li key={f.name}>
                {fieldLabel(f, language)}{' '}
                <Typography.Text type="secondary">
                  (<Label group="formFieldType" code={f.type} />
                  {f.required ? '' : `，${t('catalog.optional')}`})
                </Typography.Text>
              </li>
            ))}
          </ul>
        </Card>
      )}
      <Card
        title={
          <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
            {t('catalog.deadlines')}
          </Typography.Title>
        }
      >
        <ul style={{ margin: 0 }}>
          {slaRows.map((r) => (
            <li key={r.key}>{t(`catalog.sla.${r.key}`, { days: r.days })}</li>
          ))}
        </ul>
      </Card>
    </>
  );
}
