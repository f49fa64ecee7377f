import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  Radio,
  Select,
  Space,
  Spin,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ProblemAlert } from '../../../components/problem-alert';
import { toProblem, type ProblemDocument } from '../../../lib/api/problem';
import { applyProblemToForm } from '../../../lib/form-errors';
import { useLanguage } from '../../../lib/i18n';
import { useLabelCatalog, useLabels } from '../../../lib/labels';
import { formatFen } from '../../../lib/money';
import { formatInstant } from '../../../lib/time';
import {
  useBulkAction,
  useInbox,
  usePrograms,
  useStartBulkAction,
  type BulkActionBody,
  type InboxQuery,
} from '../api/director';
import { BulkReport } from '../components/bulk-report';

type Filters = Pick<InboxQuery, 'programCode' | 'state' | 'stage' | 'q'>;
interface Decision {
  action: 'approve' | 'return';
  comment: string;
}

const PAGE_SIZE = 20;

/**
 * 批量审批: the director filters the zone's cases (program, state, stage), selects some or all that match,
 * and approves or returns them with one comment; the worker runs them, the page follows the progress
 * and shows each case's outcome. The running action's id is in the URL (?run=), so a reload keeps it.
 */
export function BulkApprovalPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const label = useLabels();
  const catalog = useLabelCatalog();
  const { modal } = App.useApp();
  const [params, setParams] = useSearchParams();
  const runId = params.get('run');
  const run = useBulkAction(runId);
  const programs = usePrograms();
  const [filters, setFilters] = useState<Filters>({ stage: 'director_approval' });
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<string[]>([]);
  const [allMatching, setAllMatching] = useState(false);
  const [problem, setProblem] = useState<ProblemDocument | null>(null);
  const [form] = Form.useForm<Decision>();
  const inbox = useInbox({ ...filters, page, pageSize: PAGE_SIZE, sort: 'submitted' });
  const start = useStartBulkAction();

  const programTitle = (code: string) => {
    const p = programs.data?.find((x) => x.code === code);
    return p ? (language === 'en' ? p.title.en : p.title.zh) : code;
  };
  const changeFilters = (next: Filters) => {
    setFilters(next);
    setPage(1);
    setSelected([]);
    setAllMatching(false);
  };
  const total = inbox.data?.total ?? 0;
  const count = allMatching ? total : selected.length;
  const states = Object.keys(catalog.data?.groups.applicationState ?? {}).filter((s) => s !== 'draft');
  const stages = Object.keys(catalog.data?.groups.stage ?? {});

  const submit = (decision: Decision) => {
    setProblem(null);
    const body: BulkActionBody = allMatching
      ? { action: decision.action, comment: decision.comment, filter: filters }
      : { action: decision.action, comment: decision.comment, applicationIds: selected };
    void modal.confirm({
      title: t(
        decision.action === 'approve' ? 'director.bulk.confirmApprove' : 'director.bulk.confirmReturn',
        {
          count,
        },
      ),
      content: t('director.bulk.confirmText', { comment: decision.comment }),
      okText: t('director.bulk.confirmOk'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const created = await start.mutateAsync(body);
          setSelected([]);
          setAllMatching(false);
          form.resetFields(['comment']);
          setParams({ run: created.id });
        } catch (error) {
          if (!applyProblemToForm(form, error)) setProblem(toProblem(error, t('app.networkError')));
        }
      },
    });
  };

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('director.bulk.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('director.bulk.intro')}</Typography.Paragraph>

      {runId && (
        <>
          {run.isPending && <Spin style={{ display: 'block', margin: 24 }} />}
          {run.isError && <ProblemAlert problem={toProblem(run.error, t('app.networkError'))} />}
          {run.data && <BulkReport run={run.data} />}
          <Button style={{ marginBottom: 16 }} onClick={() => setParams({})}>
            {t('director.bulk.newRun')}
          </Button>
        </>
      )}

      <Card title={t('director.bulk.filterTitle')} style={{ marginBottom: 16 }}>
        <Form layout="inline">
          <Form.Item label={t('director.bulk.program')} htmlFor="bulk-program">
            <Select
              id="bulk-program"
              allowClear
              style={{ width: 280 }}
              placeholder={t('director.bulk.any')}
              value={filters.programCode}
              onChange={(programCode?: string) => changeFilters({ ...filters, programCode })}
              options={(programs.data ?? []).map((p) => ({ value: p.code, label: programTitle(p.code) }))}
            />
          </Form.Item>
          <Form.Item label={t('director.bulk.state')} htmlFor="bulk-state">
            <Select
              id="bulk-state"
              mode="multiple"
              allowClear
              style={{ minWidth: 200 }}
              placeholder={t('director.bulk.any')}
              value={filters.state ?? []}
              onChange={(state: NonNullable<Filters['state']>) =>
                changeFilters({ ...filters, state: state.length ? state : undefined })
              }
              options={states.map((s) => ({ value: s, label: label('applicationState', s) }))}
            />
          </Form.Item>
          <Form.Item label={t('director.bulk.stage')} htmlFor="bulk-stage">
            <Select
              id="bulk-stage"
              allowClear
              style={{ width: 180 }}
              placeholder={t('director.bulk.any')}
              value={filters.stage}
              onChange={(stage?: Filters['stage']) => changeFilters({ ...filters, stage })}
              options={stages.map((s) => ({ value: s, label: label('stage', s) }))}
            />
          </Form.Item>
          <Form.Item label={t('director.bulk.search')} htmlFor="bulk-search">
            <Input.Search
              id="bulk-search"
              allowClear
              style={{ width: 280 }}
              placeholder={t('director.bulk.searchPlaceholder')}
              onSearch={(value) => changeFilters({ ...filters, q: value.trim() || undefined })}
            />
          </Form.Item>
        </Form>
      </Card>

      {inbox.isError && <ProblemAlert problem={toProblem(inbox.error, t('app.networkError'))} />}
      <Space style={{ marginBottom: 8 }} wrap>
        <Checkbox
          checked={allMatching}
          disabled={total === 0}
          onChange={(e) => {
            setAllMatching(e.target.checked);
            setSelected([]);
          }}
        >
          {t('director.bulk.allMatching', { count: total })}
        </Checkbox>
        <Typography.Text data-testid="bulk-selected-count">
          {t('director.bulk.selected', { count })}
        </Typography.Text>
      </Space>
      {allMatching && (
        <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t('director.bulk.allMatchingNote')} />
      )}
      <Table
        rowKey="id"
        loading={inbox.isFetching}
        dataSource={inbox.data?.items ?? []}
        rowSelection={{
          selectedRowKeys: allMatching ? (inbox.data?.items ?? []).map((a) => a.id) : selected,
          preserveSelectedRowKeys: true,
          getCheckboxProps: () => ({ disabled: allMatching }),
          onChange: (keys) => setSelected(keys.map(String)),
        }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total,
          showSizeChanger: false,
          onChange: setPage,
          showTotal: (n) => t('director.bulk.total', { count: n }),
        }}
        locale={{ emptyText: <span style={{ color: 'rgba(0,0,0,0.75)' }}>{t('director.bulk.none')}</span> }}
        columns={[
          {
            title: t('director.bulk.reference'),
            key: 'reference',
            render: (_, a) => <Link to={`/applications/${a.id}`}>{a.reference}</Link>,
          },
          { title: t('director.bulk.enterprise'), dataIndex: 'enterpriseName' },
          {
            title: t('director.bulk.program'),
            key: 'program',
            render: (_, a) => programTitle(a.programCode),
          },
          {
            title: t('director.bulk.state'),
            key: 'state',
            render: (_, a) => label('applicationState', a.state),
          },
          {
            title: t('director.bulk.amount'),
            key: 'amount',
            align: 'right',
            render: (_, a) => {
              const fen = a.recommendedAmountFen ?? a.computedAmountFen;
              return fen != null ? formatFen(fen) : '—';
            },
          },
          {
            title: t('director.bulk.submittedAt'),
            key: 'submittedAt',
            render: (_, a) => (a.submittedAt ? formatInstant(a.submittedAt, language) : '—'),
          },
        ]}
      />

      <Card title={t('director.bulk.decisionTitle')} style={{ marginTop: 16 }}>
        <ProblemAlert problem={problem} />
        <Form<Decision> form={form} layout="vertical" initialValues={{ action: 'approve' }} onFinish={submit}>
          <Form.Item name="action" label={t('director.bulk.decision')}>
            <Radio.Group
              options={[
                { value: 'approve', label: t('director.bulk.approve') },
                { value: 'return', label: t('director.bulk.return') },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="comment"
            label={t('director.bulk.comment')}
            rules={[
              { required: true, whitespace: true, message: t('director.bulk.commentRequired') },
              { max: 2000, message: t('director.bulk.commentTooLong') },
            ]}
          >
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
          <Button type="primary" htmlType="submit" disabled={count === 0} loading={start.isPending}>
            {t('director.bulk.submit', { count })}
          </Button>
        </Form>
      </Card>
    </>
  );
}
