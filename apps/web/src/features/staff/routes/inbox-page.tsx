import { DownloadOutlined } from '@ant-design/icons';
import { EmptyText } from '../components/empty-text';
import { App, Button, Form, Input, Select, Space, Table, Typography } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ProblemAlert } from '../../../components/problem-alert';
import { toProblem } from '../../../lib/api/problem';
import { useMe } from '../../../lib/auth/use-me';
import { useLanguage } from '../../../lib/i18n';
import { useLabelCatalog, useLabels } from '../../../lib/labels';
import { formatFen } from '../../../lib/money';
import { localized } from '../../../lib/program-definition';
import { formatInstant } from '../../../lib/time';
import type { Application } from '../api/case';
import { downloadInboxExport, useInbox, usePrograms, type InboxQuery } from '../api/inbox';
import { Countdown } from '../components/countdown';

type SortKey = 'due' | 'submitted' | 'created' | 'reference' | 'amount';
type Sort = InboxQuery['sort'];

/** Table columns the API sorts by, keyed by column. */
const SORTABLE: Record<string, SortKey> = {
  reference: 'reference',
  deadline: 'due',
  amount: 'amount',
  submittedAt: 'submitted',
};

/** The inbox's filters live in the address, so a reload, the back button or a shared link keep them. */
function queryOf(params: URLSearchParams): InboxQuery {
  const state = params.get('state');
  const assignee = params.get('assignee');
  return {
    q: params.get('q') || undefined,
    state: state ? (state.split(',') as InboxQuery['state']) : undefined,
    programCode: params.get('programCode') || undefined,
    stage: (params.get('stage') || undefined) as InboxQuery['stage'],
    overdue: params.get('overdue') === 'true' ? true : undefined,
    assignee: assignee === 'mine' || assignee === 'unassigned' ? assignee : undefined,
    sort: (params.get('sort') || undefined) as Sort,
    page: Number(params.get('page')) || 1,
    pageSize: Number(params.get('pageSize')) || 20,
  };
}

/**
 * 审核工作台: the zone's cases for officers, experts, directors and auditors — search by case number,
 * enterprise name or USCC, filters, sortable columns, server-side pages, each deadline as working days
 * left (red when overdue), and the current list exported as XLSX or CSV through the API.
 */
export function InboxPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const label = useLabels();
  const { message } = App.useApp();
  const catalog = useLabelCatalog();
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => queryOf(params), [params]);
  const inbox = useInbox(query);
  const programs = usePrograms();
  const [exporting, setExporting] = useState<'xlsx' | 'csv' | null>(null);
  const [exportError, setExportError] = useState<unknown>(null);

  const programTitle = (code: string) => {
    const program = programs.data?.find((p) => p.code === code);
    return program ? localized(program.title, language) : code;
  };

  const update = (changes: Record<string, string | undefined>, keepPage = false) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === '') next.delete(key);
      else next.set(key, value);
    }
    if (!keepPage) next.delete('page');
    setParams(next, { replace: true });
  };

  const stateOptions = Object.keys(catalog.data?.groups.applicationState ?? {})
    .filter((code) => code !== 'draft')
    .map((code) => ({ value: code, label: label('applicationState', code) }));
  // Publicity is a state, not a stage the API filters by.
  const stageOptions = Object.keys(catalog.data?.groups.stage ?? {})
    .filter((code) => code !== 'publicity')
    .map((code) => ({
      value: code,
      label: label('stage', code),
    }));
  const programOptions = (programs.data ?? []).map((p) => ({
    value: p.code,
    label: localized(p.title, language),
  }));
  const assigneeOptions = [
    { value: 'mine', label: t('staff.inbox.mine') },
    { value: 'unassigned', label: t('staff.inbox.unassigned') },
  ];

  const sortKey = (query.sort ?? 'due').replace(/^-/, '');
  const sortOrder = (column: string): SortOrder =>
    SORTABLE[column] === sortKey ? (query.sort?.startsWith('-') ? 'descend' : 'ascend') : null;

  const exportList = async (format: 'xlsx' | 'csv') => {
    setExporting(format);
    setExportError(null);
    try {
      await downloadInboxExport(query, format);
      void message.success(t('staff.inbox.exported'));
    } catch (error) {
      setExportError(error);
    } finally {
      setExporting(null);
    }
  };

  const assigneeText = (a: Application) =>
    a.assigneeId == null
      ? t('staff.inbox.unassigned')
      : a.assigneeId === me?.id
        ? t('staff.inbox.mine')
        : t('staff.inbox.colleague');

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('staff.inbox.title')}
      </Typography.Title>
      <Form layout="vertical" role="search" aria-label={t('staff.inbox.filters')}>
        <Space wrap align="end" size="middle">
          <Form.Item label={t('staff.inbox.search')} htmlFor="inbox-q" style={{ marginBottom: 8 }}>
            <Input.Search
              id="inbox-q"
              allowClear
              defaultValue={query.q}
              key={query.q ?? ''}
              placeholder={t('staff.inbox.searchPlaceholder')}
              enterButton={t('staff.inbox.searchButton')}
              style={{ width: 380 }}
              onSearch={(value) => update({ q: value.trim() || undefined })}
            />
          </Form.Item>
          <Form.Item label={t('staff.inbox.state')} htmlFor="inbox-state" style={{ marginBottom: 8 }}>
            <Select
              id="inbox-state"
              mode="multiple"
              allowClear
              style={{ minWidth: 200 }}
              placeholder={t('staff.inbox.all')}
              options={stateOptions}
              value={query.state ?? []}
              optionFilterProp="label"
              onChange={(values: string[]) => update({ state: values.length ? values.join(',') : undefined })}
            />
          </Form.Item>
          <Form.Item label={t('staff.inbox.program')} htmlFor="inbox-program" style={{ marginBottom: 8 }}>
            <Select
              id="inbox-program"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: 220 }}
              placeholder={t('staff.inbox.all')}
              options={programOptions}
              value={query.programCode}
              onChange={(value?: string) => update({ programCode: value })}
            />
          </Form.Item>
          <Form.Item label={t('staff.inbox.stage')} htmlFor="inbox-stage" style={{ marginBottom: 8 }}>
            <Select
              id="inbox-stage"
              allowClear
              style={{ width: 160 }}
              placeholder={t('staff.inbox.all')}
              options={stageOptions}
              value={query.stage}
              onChange={(value?: string) => update({ stage: value })}
            />
          </Form.Item>
          <Form.Item label={t('staff.inbox.deadline')} htmlFor="inbox-overdue" style={{ marginBottom: 8 }}>
            <Select
              id="inbox-overdue"
              allowClear
              style={{ width: 140 }}
              placeholder={t('staff.inbox.all')}
              options={[{ value: 'true', label: t('staff.inbox.overdueOnly') }]}
              value={query.overdue ? 'true' : undefined}
              onChange={(value?: string) => update({ overdue: value })}
            />
          </Form.Item>
          <Form.Item label={t('staff.inbox.assignee')} htmlFor="inbox-assignee" style={{ marginBottom: 8 }}>
            <Select
              id="inbox-assignee"
              allowClear
              style={{ width: 140 }}
              placeholder={t('staff.inbox.all')}
              options={assigneeOptions}
              value={query.assignee}
              onChange={(value?: string) => update({ assignee: value })}
            />
          </Form.Item>
        </Space>
      </Form>

      <Space style={{ margin: '8px 0 16px' }} wrap>
        <Button
          icon={<DownloadOutlined />}
          loading={exporting === 'xlsx'}
          onClick={() => void exportList('xlsx')}
        >
          {t('staff.inbox.exportXlsx')}
        </Button>
        <Button
          icon={<DownloadOutlined />}
          loading={exporting === 'csv'}
          onClick={() => void exportList('csv')}
        >
          {t('staff.inbox.exportCsv')}
        </Button>
        {inbox.data && (
          <Typography.Text type="secondary">
            {t('staff.inbox.total', { count: inbox.data.total })}
          </Typography.Text>
        )}
      </Space>
      {exportError != null && <ProblemAlert problem={toProblem(exportError, t('app.networkError'))} />}
      {inbox.isError && <ProblemAlert problem={toProblem(inbox.error, t('app.networkError'))} />}

      <Table<Application>
        rowKey="id"
        size="middle"
        loading={inbox.isFetching}
        dataSource={inbox.data?.items ?? []}
        scroll={{ x: 1100 }}
        locale={{ emptyText: <EmptyText>{t('staff.inbox.empty')}</EmptyText> }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: inbox.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (total) => t('staff.inbox.total', { count: total }),
        }}
        onChange={(pagination, _filters, sorter, extra) => {
          if (extra.action === 'sort') {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            const key = SORTABLE[String(s?.columnKey ?? '')];
            update({ sort: s?.order && key ? `${s.order === 'descend' ? '-' : ''}${key}` : undefined });
            return;
          }
          update(
            {
              page: String(pagination.current ?? 1),
              pageSize: String(pagination.pageSize ?? 20),
            },
            true,
          );
        }}
        columns={[
          {
            key: 'reference',
            title: t('staff.inbox.reference'),
            sorter: true,
            sortOrder: sortOrder('reference'),
            render: (_, a) => <Link to={`/review/applications/${a.id}`}>{a.reference}</Link>,
          },
          { key: 'enterprise', title: t('staff.inbox.enterprise'), dataIndex: 'enterpriseName' },
          {
            key: 'program',
            title: t('staff.inbox.program'),
            render: (_, a) => programTitle(a.programCode),
          },
          {
            key: 'state',
            title: t('staff.inbox.state'),
            render: (_, a) => label('applicationState', a.state),
          },
          {
            key: 'deadline',
            title: t('staff.inbox.deadline'),
            sorter: true,
            sortOrder: sortOrder('deadline'),
            render: (_, a) => (
              <>
                {a.deadline && (
                  <div>
                    <Typography.Text type="secondary">{label('stage', a.deadline.stage)}</Typography.Text>
                  </div>
                )}
                <Countdown deadline={a.deadline} />
              </>
            ),
          },
          {
            key: 'amount',
            title: t('staff.inbox.amount'),
            align: 'right',
            sorter: true,
            sortOrder: sortOrder('amount'),
            render: (_, a) => {
              const fen = a.approvedAmountFen ?? a.computedAmountFen;
              return fen == null ? '—' : formatFen(fen);
            },
          },
          {
            key: 'submittedAt',
            title: t('staff.inbox.submittedAt'),
            sorter: true,
            sortOrder: sortOrder('submittedAt'),
            render: (_, a) => (a.submittedAt ? formatInstant(a.submittedAt, language) : '—'),
          },
          { key: 'assignee', title: t('staff.inbox.assignee'), render: (_, a) => assigneeText(a) },
        ]}
      />
    </>
  );
}
