import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, InputNumber, Modal, Radio, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { MoneyInput, moneyRule } from '../../../components/money-input';
import { ProblemAlert } from '../../../components/problem-alert';
import { toProblem, type ProblemDocument } from '../../../lib/api/problem';
import { useMe } from '../../../lib/auth/use-me';
import { applyProblemToForm } from '../../../lib/form-errors';
import { fenToYuanText, formatFen } from '../../../lib/money';
import { allPages, fetchPoolsPage, useCreatePool, useFundPools, type FundPool } from '../api/finance';
import { saveCsv } from '../api/files';
import { ExportButton, PageHeading, Utilisation, useProgramOptions } from '../components/shared';

interface NewPoolValues {
  scope: 'program' | 'policy_document';
  programCode?: string;
  policyDocumentCode?: string;
  fiscalYear: number;
  allocatedFen: number;
  comment?: string;
}

/** 资金池: every pool of the zone with its utilisation; finance funds a new one here. */
export function PoolsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [page, setPage] = useState(1);
  const [fiscalYear, setFiscalYear] = useState<number | undefined>();
  const pools = useFundPools(page, fiscalYear);
  const [creating, setCreating] = useState(false);
  const canWrite = me.data?.role === 'finance';

  const exportCsv = async () => {
    const items = await allPages((p) => fetchPoolsPage(p, fiscalYear));
    saveCsv(
      t('finance.pools.csvName'),
      [
        t('finance.pools.name'),
        t('finance.fiscalYear'),
        t('finance.pools.allocated'),
        t('finance.pools.reserved'),
        t('finance.pools.paid'),
        t('finance.pools.available'),
        t('finance.pools.recovered'),
      ],
      items.map((p) => [
        p.name,
        p.fiscalYear,
        fenToYuanText(p.allocatedFen),
        fenToYuanText(p.reservedFen),
        fenToYuanText(p.paidFen),
        fenToYuanText(p.availableFen),
        fenToYuanText(p.recoveredFen),
      ]),
    );
  };

  return (
    <>
      <PageHeading
        title={t('finance.pools.title')}
        intro={t('finance.pools.intro')}
        extra={
          <>
            <ExportButton label={t('finance.exportCsv')} run={exportCsv} />
            {canWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('finance.pools.create')}
              </Button>
            )}
          </>
        }
      />
      <Space style={{ marginBottom: 16 }}>
        <InputNumber
          aria-label={t('finance.fiscalYear')}
          placeholder={t('finance.fiscalYear')}
          min={2000}
          max={2100}
          value={fiscalYear}
          onChange={(v) => {
            setPage(1);
            setFiscalYear(v ?? undefined);
          }}
        />
      </Space>
      {pools.isError && <ProblemAlert problem={toProblem(pools.error, t('app.networkError'))} />}
      <Table<FundPool>
        rowKey="id"
        loading={pools.isFetching}
        dataSource={pools.data?.items}
        pagination={{
          current: page,
          pageSize: pools.data?.pageSize ?? 20,
          total: pools.data?.total,
          onChange: setPage,
          showSizeChanger: false,
        }}
        scroll={{ x: true }}
        columns={[
          {
            title: t('finance.pools.name'),
            dataIndex: 'name',
            render: (name: string, p) => <Link to={`/finance/pools/${p.id}`}>{name}</Link>,
          },
          { title: t('finance.fiscalYear'), dataIndex: 'fiscalYear' },
          {
            title: t('finance.pools.allocated'),
            dataIndex: 'allocatedFen',
            align: 'right',
            render: formatFen,
          },
          { title: t('finance.pools.reserved'), dataIndex: 'reservedFen', align: 'right', render: formatFen },
          { title: t('finance.pools.paid'), dataIndex: 'paidFen', align: 'right', render: formatFen },
          {
            title: t('finance.pools.available'),
            dataIndex: 'availableFen',
            align: 'right',
            render: formatFen,
          },
          {
            title: t('finance.pools.utilisation'),
            key: 'utilisation',
            render: (_, p) => (
              <Utilisation allocatedFen={p.allocatedFen} reservedFen={p.reservedFen} paidFen={p.paidFen} />
            ),
          },
        ]}
      />
      {creating && <NewPoolModal onClose={() => setCreating(false)} />}
    </>
  );
}

function NewPoolModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewPoolValues>();
  const create = useCreatePool();
  const programs = useProgramOptions();
  const [problem, setProblem] = useState<ProblemDocument | null>(null);
  const scope = Form.useWatch('scope', form) ?? 'program';
  const required = (field: string) => ({ required: true, message: t('finance.required', { field }) });

  const submit = async (values: NewPoolValues) => {
    setProblem(null);
    try {
      await create.mutateAsync({
        programCode: values.scope === 'program' ? values.programCode : undefined,
        policyDocumentCode: values.scope === 'policy_document' ? values.policyDocumentCode : undefined,
        fiscalYear: values.fiscalYear,
        allocatedFen: values.allocatedFen,
        comment: values.comment || undefined,
      });
      void message.success(t('finance.pools.created'));
      onClose();
    } catch (error) {
      if (!applyProblemToForm(form, error)) setProblem(toProblem(error, t('app.networkError')));
    }
  };

  return (
    <Modal
      open
      title={t('finance.pools.create')}
      okText={t('finance.pools.fund')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <ProblemAlert problem={problem} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ scope: 'program', fiscalYear: new Date().getFullYear() }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item name="scope" label={t('finance.pools.scope')}>
          <Radio.Group
            options={[
              { value: 'program', label: t('finance.pools.scopeProgram') },
              { value: 'policy_document', label: t('finance.pools.scopeDocument') },
            ]}
          />
        </Form.Item>
        {scope === 'program' ? (
          <Form.Item name="programCode" label={t('finance.program')} rules={[required(t('finance.program'))]}>
            <Select showSearch optionFilterProp="label" options={programs} />
          </Form.Item>
        ) : (
          <Form.Item
            name="policyDocumentCode"
            label={t('finance.pools.policyDocument')}
            rules={[required(t('finance.pools.policyDocument'))]}
          >
            <Input />
          </Form.Item>
        )}
        <Form.Item
          name="fiscalYear"
          label={t('finance.fiscalYear')}
          rules={[required(t('finance.fiscalYear'))]}
        >
          <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="allocatedFen"
          label={t('finance.pools.allocationYuan')}
          rules={[required(t('finance.pools.allocationYuan')), moneyRule(t('finance.notAmount'))]}
        >
          <MoneyInput />
        </Form.Item>
        <Form.Item name="comment" label={t('finance.pools.comment')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
