import { Alert, App, Button, Card, Form, Input, Modal, Spin, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ProblemAlert } from '../../../components/problem-alert';
import { toProblem, type ProblemDocument } from '../../../lib/api/problem';
import { useMe } from '../../../lib/auth/use-me';
import { applyProblemToForm } from '../../../lib/form-errors';
import { useLanguage } from '../../../lib/i18n';
import { formatInstant } from '../../../lib/time';
import {
  fetchVersion,
  useCreateDraft,
  useProgramDetail,
  usePublish,
  useRetire,
  type ProgramDetail,
  type VersionHistoryItem,
} from '../api/policy-admin';
import {
  beijingToday,
  dayBefore,
  formatDay,
  InForce,
  LifecycleTag,
  PageHeading,
  textIn,
  TAG_CURRENT,
} from '../components/shared';
import { VersionDiff } from '../components/version-diff';

/** What publishing a draft does to the version in force, in words (the confirmation's text). */
function usePublishConsequence() {
  const { t } = useTranslation();
  const language = useLanguage();
  return (program: ProgramDetail, draft: VersionHistoryItem) => {
    const current = program.versions.find((v) => v.current);
    const from = formatDay(draft.effectiveFrom, language);
    if (!current) return t('policy.publish.noCurrent', { version: draft.version, from });
    if (draft.effectiveFrom <= beijingToday())
      return t('policy.publish.replacesNow', { version: draft.version, from, current: current.version });
    return t('policy.publish.replacesLater', {
      version: draft.version,
      from,
      current: current.version,
      until: formatDay(dayBefore(draft.effectiveFrom), language),
    });
  };
}

/** One program as its policy admin manages it: versions, diff, draft, sandbox, publish and retire. */
export function ProgramAdminPage() {
  const { code = '' } = useParams();
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useMe();
  const canWrite = me.data?.role === 'policy_admin';
  const program = useProgramDetail(code);
  const createDraft = useCreateDraft(code);
  const publish = usePublish(code);
  const retire = useRetire(code);
  const consequence = usePublishConsequence();
  const [problem, setProblem] = useState<ProblemDocument | null>(null);
  const [publishing, setPublishing] = useState<VersionHistoryItem | null>(null);
  const [retiring, setRetiring] = useState(false);
  const [retireForm] = Form.useForm<{ lastDay: string; reason: string }>();

  if (program.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (program.isError) return <ProblemAlert problem={toProblem(program.error, t('app.networkError'))} />;
  const p = program.data;
  const draft = p.versions.find((v) => v.status === 'draft');
  const current = p.versions.find((v) => v.current);
  const newest = p.versions[0];
  const title = p.current ? textIn(p.current.title, language) : code;

  const startDraft = async () => {
    setProblem(null);
    try {
      const source = await fetchVersion(code, newest.version);
      const { version: _version, ...definition } = source.definition as Record<string, unknown>;
      const created = await createDraft.mutateAsync(definition);
      void navigate(`/policy/programs/${encodeURIComponent(code)}/versions/${created.version}/edit`);
    } catch (error) {
      setProblem(toProblem(error, t('app.networkError')));
    }
  };

  const confirmPublish = async () => {
    if (!publishing) return;
    try {
      await publish.mutateAsync(publishing.version);
      void message.success(t('policy.publish.done', { version: publishing.version }));
      setPublishing(null);
    } catch (error) {
      setPublishing(null);
      setProblem(toProblem(error, t('app.networkError')));
    }
  };

  const submitRetire = async (values: { lastDay: string; reason: string }) => {
    try {
      await retire.mutateAsync(values);
      void message.success(t('policy.retire.done'));
      setRetiring(false);
    } catch (error) {
      if (!applyProblemToForm(retireForm, error)) setProblem(toProblem(error, t('app.networkError')));
    }
  };

  return (
    <>
      <PageHeading
        title={title}
        intro={<code>{code}</code>}
        extra={
          canWrite && (
            <>
              {draft ? (
                <Link to={`/policy/programs/${encodeURIComponent(code)}/versions/${draft.version}/edit`}>
                  <Button type="primary">{t('policy.program.editDraft', { version: draft.version })}</Button>
                </Link>
              ) : (
                <Button type="primary" loading={createDraft.isPending} onClick={() => void startDraft()}>
                  {t('policy.program.newDraft')}
                </Button>
              )}
              {draft && (
                <Button onClick={() => setPublishing(draft)}>
                  {t('policy.program.publish', { version: draft.version })}
                </Button>
              )}
              {(draft ?? current) && (
                <Link
                  to={`/policy/programs/${encodeURIComponent(code)}/versions/${(draft ?? current)!.version}/sandbox`}
                >
                  <Button>{t('policy.program.sandbox')}</Button>
                </Link>
              )}
              {!p.retirement && p.versions.some((v) => v.status === 'published') && (
                <Button danger onClick={() => setRetiring(true)}>
                  {t('policy.program.retire')}
                </Button>
              )}
            </>
          )
        }
      />
      <ProblemAlert problem={problem} />
      {p.retirement && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('policy.program.retiredBanner', {
            day: formatDay(p.retirement.lastDay, language),
            reason: p.retirement.reason,
          })}
        />
      )}
      <Card title={t('policy.program.history')} style={{ marginBottom: 16 }}>
        <Table<VersionHistoryItem>
          rowKey="version"
          size="small"
          pagination={false}
          dataSource={p.versions}
          columns={[
            {
              title: t('policy.program.version'),
              key: 'version',
              render: (_, v) => (
                <>
                  {t('policy.versionNumber', { version: v.version })}
                  {v.current && (
                    <Tag color={TAG_CURRENT} style={{ marginLeft: 8 }}>
                      {t('policy.currentTag')}
                    </Tag>
                  )}
                </>
              ),
            },
            {
              title: t('policy.program.state'),
              key: 'state',
              render: (_, v) => <LifecycleTag lifecycle={v.lifecycle} />,
            },
            {
              title: t('policy.program.effective'),
              key: 'effective',
              render: (_, v) => <InForce from={v.effectiveFrom} to={v.effectiveTo} />,
            },
            {
              title: t('policy.program.inForce'),
              key: 'inForce',
              render: (_, v) =>
                v.status === 'draft' ? '—' : <InForce from={v.inForceFrom} to={v.inForceTo} />,
            },
            {
              title: t('policy.program.publishedAt'),
              key: 'publishedAt',
              render: (_, v) => (v.publishedAt ? formatInstant(v.publishedAt, language) : '—'),
            },
          ]}
        />
      </Card>
      {p.versions.length > 1 && (
        <VersionDiff
          code={code}
          versions={p.versions}
          initialLeft={(current ?? p.versions[1]).version}
          initialRight={
            newest.version === (current ?? p.versions[1]).version ? p.versions[1].version : newest.version
          }
        />
      )}

      <Modal
        open={!!publishing}
        title={t('policy.publish.title', { version: publishing?.version })}
        okText={t('policy.publish.confirm')}
        cancelText={t('policy.cancel')}
        confirmLoading={publish.isPending}
        onOk={() => void confirmPublish()}
        onCancel={() => setPublishing(null)}
      >
        {publishing && <p data-testid="publish-consequence">{consequence(p, publishing)}</p>}
        <p>{t('policy.publish.pinned')}</p>
      </Modal>

      <Modal
        open={retiring}
        title={t('policy.retire.title')}
        okText={t('policy.retire.confirm')}
        okButtonProps={{ danger: true }}
        cancelText={t('policy.cancel')}
        confirmLoading={retire.isPending}
        onOk={() => retireForm.submit()}
        onCancel={() => setRetiring(false)}
        destroyOnHidden
      >
        <p>{t('policy.retire.explain')}</p>
        <Form
          form={retireForm}
          layout="vertical"
          onFinish={(v) => void submitRetire(v)}
          initialValues={{ lastDay: beijingToday() }}
        >
          <Form.Item
            name="lastDay"
            label={t('policy.retire.lastDay')}
            extra={t('policy.retire.lastDayHelp')}
            rules={[
              { required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: t('policy.retire.lastDayFormat') },
            ]}
          >
            <Input placeholder="YYYY-MM-DD" />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('policy.retire.reason')}
            rules={[{ required: true, message: t('policy.retire.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
