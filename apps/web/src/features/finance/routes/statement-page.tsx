import {
  App,
  Button,
  Descriptions,
  Form,
  Input,
  Modal,
  Progress,
  Radio,
  Select,
  Space,
  Spin,
  Table,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ProblemAlert } from '../../../components/problem-alert';
import { toProblem, type ProblemDocument } from '../../../lib/api/problem';
import { useMe } from '../../../lib/auth/use-me';
import { applyProblemToForm } from '../../../lib/form-errors';
import { useLanguage } from '../../../lib/i18n';
import { useLabels } from '../../../lib/labels';
import { formatFen } from '../../../lib/money';
import { formatInstant } from '../../../lib/time';
import { useDecideMatch, useProposeMatch, useStatementReport, type StatementLine } from '../api/finance';
import { downloadFromApi } from '../api/files';
import { ExportButton, PageHeading } from '../components/shared';

/**
 * A statement's reconciliation report: its import progress, the lines filtered by outcome, and on each
 * unresolved line the action that resolves it — hand matching under four eyes (one finance user
 * proposes, another confirms; the proposer cannot confirm).
 */
export function StatementPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const label = useLabels();
  const language = useLanguage();
  const [fromLine, setFromLine] = useState(1);
  const report = useStatementReport(id, fromLine);
  const [outcome, setOutcome] = useState<string | undefined>();
  const [matching, setMatching] = useState<StatementLine | null>(null);
  const outcomeLabel = (o: string) =>
    o === 'pending' ? t('finance.report.pendingOutcome') : label('reconciliationOutcome', o);
  const lines = useMemo(
    () => (report.data?.lines ?? []).filter((l) => !outcome || l.outcome === outcome),
    [report.data, outcome],
  );
  if (report.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (report.isError) return <ProblemAlert problem={toProblem(report.error, t('app.networkError'))} />;
  const r = report.data;
  const running = r.status === 'queued' || r.status === 'running';
  const loaded = r.lineCount > 0 ? Math.round((r.progress.linesLoaded / r.lineCount) * 100) : 0;
  const settled =
    r.progress.linesToSettle > 0
      ? Math.round((r.progress.linesSettled / r.progress.linesToSettle) * 100)
      : 100;
  const outcomes = Object.entries(r.counts).filter(([, n]) => n > 0);

  return (
    <>
      <PageHeading
        title={t('finance.report.title', { fileName: r.fileName })}
        intro={t('finance.report.intro')}
        extra={
          <>
            <Link to="/finance/statements">{t('finance.report.back')}</Link>
            <ExportButton
              label={t('finance.exportCsv')}
              run={() =>
                downloadFromApi(`/bank-statements/${id}/report.csv`, 'GET', `${r.fileName}-对账.csv`)
              }
            />
          </>
        }
      />
      <Descriptions bordered column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('finance.statements.status')}>
          <span data-testid="statement-status">{label('statementStatus', r.status)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('finance.statements.lines')}>{r.lineCount}</Descriptions.Item>
        <Descriptions.Item label={t('finance.statements.importedAt')}>
          {formatInstant(r.createdAt, language)}
        </Descriptions.Item>
        {r.error && (
          <Descriptions.Item label={t('finance.report.error')} span={3}>
            {r.error}
          </Descriptions.Item>
        )}
      </Descriptions>
      {running && (
        <div style={{ maxWidth: 640, marginBottom: 16 }}>
          <Typography.Text>{t('finance.report.loading')}</Typography.Text>
          <Progress percent={loaded} status="active" aria-label={t('finance.report.loading')} />
          <Typography.Text>{t('finance.report.settling')}</Typography.Text>
          <Progress percent={settled} status="active" aria-label={t('finance.report.settling')} />
        </div>
      )}
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          aria-label={t('finance.report.outcome')}
          placeholder={t('finance.report.allOutcomes')}
          style={{ minWidth: 220 }}
          value={outcome}
          onChange={setOutcome}
          options={outcomes.map(([o, n]) => ({ value: o, label: `${outcomeLabel(o)}（${n}）` }))}
        />
      </Space>
      {r.batches.length > 0 && (
        <Typography.Paragraph>
          {t('finance.report.batches')}{' '}
          {r.batches.map((b) => (
            <Link key={b.batchId} to={`/finance/batches/${b.batchId}`} style={{ marginInlineEnd: 12 }}>
              {b.reference}（{label('batchState', b.state)}）
            </Link>
          ))}
        </Typography.Paragraph>
      )}
      <Table<StatementLine>
        rowKey="lineNo"
        size="small"
        loading={report.isFetching && !running}
        dataSource={lines}
        scroll={{ x: true }}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        columns={[
          { title: t('finance.report.lineNo'), dataIndex: 'lineNo', width: 72 },
          {
            title: t('finance.report.valueDate'),
            dataIndex: 'valueDate',
            render: (v: string | null) => v ?? '—',
          },
          {
            title: t('finance.report.amount'),
            dataIndex: 'amountFen',
            align: 'right',
            render: (v?: number | null) => (v == null ? '—' : formatFen(v)),
          },
          {
            title: t('finance.report.reference'),
            dataIndex: 'reference',
            render: (v: string | null) => v ?? t('finance.report.noReference'),
          },
          {
            title: t('finance.report.outcome'),
            dataIndex: 'outcome',
            render: (o: string, l) => (
              <>
                <span data-testid={`outcome-${l.lineNo}`}>{outcomeLabel(o)}</span>
                {l.expectedAmountFen != null && o === 'amount_mismatch' && (
                  <Typography.Text type="secondary">
                    {' '}
                    · {t('finance.report.expected', { amount: formatFen(l.expectedAmountFen) })}
                  </Typography.Text>
                )}
                {/* The bank's own reason for a returned payment (退汇原因), as the bank wrote it. */}
                {o === 'returned' && l.detail && (
                  <Typography.Text type="secondary"> · {l.detail}</Typography.Text>
                )}
              </>
            ),
          },
          {
            title: t('finance.report.action'),
            key: 'action',
            render: (_, l) => <LineAction importId={id} line={l} onMatch={() => setMatching(l)} />,
          },
        ]}
      />
      {r.nextFromLine && (
        <Button onClick={() => setFromLine(r.nextFromLine ?? 1)}>{t('finance.report.nextPage')}</Button>
      )}
      {fromLine > 1 && (
        <Button type="link" onClick={() => setFromLine(1)}>
          {t('finance.report.firstPage')}
        </Button>
      )}
      {matching && <MatchModal importId={id} line={matching} onClose={() => setMatching(null)} />}
    </>
  );
}

function LineAction({
  importId,
  line,
  onMatch,
}: {
  importId: string;
  line: StatementLine;
  onMatch: () => void;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const me = useMe();
  const decide = useDecideMatch();
  const isFinance = me.data?.role === 'finance';
  switch (line.action) {
    case 'match_by_hand':
      return isFinance ? (
        <Button size="small" onClick={onMatch}>
          {t('finance.report.matchByHand')}
        </Button>
      ) : (
        <>{t('finance.report.needsMatch')}</>
      );
    case 'confirm_match': {
      const p = line.pendingProposal;
      if (!p) return null;
      const own = p.proposedBy === me.data?.id;
      const run = (decision: 'confirm' | 'reject', comment?: string) =>
        decide
          .mutateAsync({ importId, lineNo: line.lineNo, proposalId: p.id, decision, comment })
          .then(
            () =>
              void message.success(
                t(decision === 'confirm' ? 'finance.report.confirmed' : 'finance.report.rejected'),
              ),
          )
          .catch((error: unknown) => void message.error(toProblem(error, t('app.networkError')).title));
      return (
        <Space direction="vertical" size={4}>
          <Typography.Text>
            {t('finance.report.proposal', { reference: p.reference, name: p.proposedByName ?? p.proposedBy })}
          </Typography.Text>
          {p.comment && <Typography.Text type="secondary">{p.comment}</Typography.Text>}
          {isFinance && (
            <Space>
              {own ? (
                <Typography.Text type="warning">{t('finance.report.ownProposal')}</Typography.Text>
              ) : (
                <Button
                  size="small"
                  type="primary"
                  loading={decide.isPending}
                  onClick={() => void run('confirm')}
                >
                  {t('finance.report.confirm')}
                </Button>
              )}
              <Button
                size="small"
                onClick={() => {
                  let comment = '';
                  modal.confirm({
                    title: own ? t('finance.report.withdraw') : t('finance.report.reject'),
                    content: (
                      <Input.TextArea
                        aria-label={t('finance.report.rejectReason')}
                        placeholder={t('finance.report.rejectReason')}
                        onChange={(e) => (comment = e.target.value)}
                      />
                    ),
                    okText: own ? t('finance.report.withdraw') : t('finance.report.reject'),
                    cancelText: t('common.cancel'),
                    onOk: () => run('reject', comment.trim() || t('finance.report.rejectDefault')),
                  });
                }}
              >
                {own ? t('finance.report.withdraw') : t('finance.report.reject')}
              </Button>
            </Space>
          )}
        </Space>
      );
    }
    case 'fix_and_reimport':
      return <>{t('finance.report.fixAndReimport')}</>;
    case 'enterprise_fixes_account':
      return <>{t('finance.report.enterpriseFixes')}</>;
    default:
      return <Typography.Text type="secondary">{t('finance.report.nothingToDo')}</Typography.Text>;
  }
}

interface MatchValues {
  target: 'payment' | 'clawback';
  paymentReference?: string;
  clawbackReference?: string;
  comment: string;
}

function MatchModal({
  importId,
  line,
  onClose,
}: {
  importId: string;
  line: StatementLine;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<MatchValues>();
  const propose = useProposeMatch();
  const [problem, setProblem] = useState<ProblemDocument | null>(null);
  const target = Form.useWatch('target', form) ?? (line.direction === 'credit' ? 'clawback' : 'payment');
  const submit = async (v: MatchValues) => {
    setProblem(null);
    try {
      await propose.mutateAsync({
        importId,
        lineNo: line.lineNo,
        body:
          v.target === 'payment'
            ? { paymentReference: v.paymentReference, comment: v.comment }
            : { clawbackReference: v.clawbackReference, comment: v.comment },
      });
      void message.success(t('finance.report.proposed'));
      onClose();
    } catch (error) {
      if (!applyProblemToForm(form, error)) setProblem(toProblem(error, t('app.networkError')));
    }
  };
  const referenceField = target === 'payment' ? 'paymentReference' : 'clawbackReference';
  const referenceLabel =
    target === 'payment' ? t('finance.report.paymentReference') : t('finance.report.clawbackReference');
  return (
    <Modal
      open
      title={t('finance.report.matchTitle', { n: line.lineNo })}
      okText={t('finance.report.propose')}
      cancelText={t('common.cancel')}
      confirmLoading={propose.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t('finance.report.matchIntro', {
          amount: line.amountFen == null ? '—' : formatFen(line.amountFen),
          date: line.valueDate ?? '—',
        })}
      </Typography.Paragraph>
      <ProblemAlert problem={problem} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ target: line.direction === 'credit' ? 'clawback' : 'payment' }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item name="target" label={t('finance.report.target')}>
          <Radio.Group
            options={[
              { value: 'payment', label: t('finance.report.targetPayment') },
              { value: 'clawback', label: t('finance.report.targetClawback') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name={referenceField}
          label={referenceLabel}
          rules={[{ required: true, message: t('finance.required', { field: referenceLabel }) }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="comment"
          label={t('finance.report.comment')}
          extra={t('finance.report.commentHelp')}
          rules={[{ required: true, message: t('finance.required', { field: t('finance.report.comment') }) }]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
