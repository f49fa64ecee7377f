import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/problem-alert';
import { toProblem, type ProblemDocument } from '../../../lib/api/problem';
import { applyProblemToForm } from '../../../lib/form-errors';
import { TAG_SUCCESS, TAG_DANGER, TAG_INFO, TAG_WARNING } from '../../../lib/contrast';
import { useLanguage } from '../../../lib/i18n';
import { useLabels } from '../../../lib/labels';
import { formatInstant } from '../../../lib/time';
import { useZoneName, useZones } from '../../../lib/zones';
import {
  useCreateWebhook,
  useDeleteWebhook,
  useDeliveries,
  useUpdateWebhook,
  useWebhooks,
  type Delivery,
  type Webhook,
} from '../api/admin';
import { PageHeading } from '../components/page-heading';

interface WebhookForm {
  url: string;
  description?: string;
  zoneCode: string;
  enabled?: boolean;
}

const STATUS_COLOR: Record<string, string | undefined> = {
  sent: TAG_SUCCESS,
  failed: TAG_DANGER,
  retrying: TAG_WARNING,
  pending: TAG_INFO,
  cancelled: undefined,
};

/**
 * Webhooks (园区回调地址): each zone endpoint with the state of its recent deliveries; add, edit,
 * enable/disable, delete. The signing secret is shown once, when the webhook is created.
 */
export function WebhooksPage() {
  const { t } = useTranslation();
  const label = useLabels();
  const language = useLanguage();
  const zoneName = useZoneName();
  const zones = useZones();
  const { modal, message } = App.useApp();
  const webhooks = useWebhooks();
  const deliveries = useDeliveries({ page: 1, pageSize: 100, channel: 'webhook' });
  const create = useCreateWebhook();
  const update = useUpdateWebhook();
  const remove = useDeleteWebhook();
  const [form] = Form.useForm<WebhookForm>();
  const [editing, setEditing] = useState<Webhook | 'new' | null>(null);
  const [problem, setProblem] = useState<ProblemDocument | null>(null);
  const [secret, setSecret] = useState<string | null>(null);

  /** Per webhook: its latest delivery and how many of the recent ones failed. */
  const stateOf = useMemo(() => {
    const map = new Map<string, { last: Delivery; failed: number; total: number }>();
    for (const d of deliveries.data?.items ?? []) {
      if (!d.webhookId) continue;
      const entry = map.get(d.webhookId);
      if (!entry) map.set(d.webhookId, { last: d, failed: d.status === 'failed' ? 1 : 0, total: 1 });
      else {
        entry.total += 1;
        if (d.status === 'failed') entry.failed += 1;
      }
    }
    return map;
  }, [deliveries.data]);

  const openNew = () => {
    form.resetFields();
    setProblem(null);
    setEditing('new');
  };
  const openEdit = (w: Webhook) => {
    form.setFieldsValue({
      url: w.url,
      description: w.description ?? '',
      zoneCode: w.zoneCode,
      enabled: w.enabled,
    });
    setProblem(null);
    setEditing(w);
  };

  const submit = async (values: WebhookForm) => {
    setProblem(null);
    try {
      if (editing === 'new') {
        const made = await create.mutateAsync({
          url: values.url.trim(),
          zoneCode: values.zoneCode,
          ...(values.description ? { description: values.description } : {}),
        });
        setSecret(made.secret);
      } else if (editing) {
        await update.mutateAsync({
          id: editing.id,
          body: {
            url: values.url.trim(),
            description: values.description ?? '',
            enabled: values.enabled ?? true,
          },
        });
        void message.success(t('admin.webhooks.saved'));
      }
      setEditing(null);
    } catch (error) {
      if (!applyProblemToForm(form, error)) setProblem(toProblem(error, t('app.networkError')));
    }
  };

  const toggle = async (w: Webhook, enabled: boolean) => {
    try {
      await update.mutateAsync({ id: w.id, body: { enabled } });
      void message.success(enabled ? t('admin.webhooks.enabledMsg') : t('admin.webhooks.disabledMsg'));
    } catch (error) {
      void message.error(toProblem(error, t('app.networkError')).title);
    }
  };

  const confirmDelete = (w: Webhook) =>
    modal.confirm({
      title: t('admin.webhooks.deleteTitle'),
      content: w.url,
      okText: t('admin.webhooks.delete'),
      okButtonProps: { danger: true },
      cancelText: t('admin.cancel'),
      onOk: async () => {
        try {
          await remove.mutateAsync(w.id);
          void message.success(t('admin.webhooks.deleted'));
        } catch (error) {
          void message.error(toProblem(error, t('app.networkError')).title);
        }
      },
    });

  return (
    <>
      <PageHeading
        title={t('admin.webhooks.title')}
        intro={t('admin.webhooks.intro')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={openNew}>
            {t('admin.webhooks.add')}
          </Button>
        }
      />
      <Card>
        <Table<Webhook>
          rowKey="id"
          loading={webhooks.isLoading}
          dataSource={webhooks.data}
          pagination={false}
          columns={[
            {
              title: t('admin.webhooks.url'),
              key: 'url',
              render: (_, w) => (
                <>
                  <Typography.Text style={{ wordBreak: 'break-all' }}>{w.url}</Typography.Text>
                  {w.description && (
                    <div>
                      <Typography.Text type="secondary">{w.description}</Typography.Text>
                    </div>
                  )}
                </>
              ),
            },
            { title: t('admin.webhooks.zone'), key: 'zone', render: (_, w) => zoneName(w.zoneCode) },
            {
              title: t('admin.webhooks.enabled'),
              key: 'enabled',
              render: (_, w) => (
                <Switch
                  checked={w.enabled}
                  aria-label={t('admin.webhooks.enabledFor', { url: w.url })}
                  onChange={(on) => void toggle(w, on)}
                />
              ),
            },
            {
              title: t('admin.webhooks.deliveryState'),
              key: 'state',
              render: (_, w) => {
                const s = stateOf.get(w.id);
                if (!s)
                  return (
                    <Typography.Text type="secondary">{t('admin.webhooks.noDeliveries')}</Typography.Text>
                  );
                return (
                  <Space direction="vertical" size={0}>
                    <span>
                      <Tag color={STATUS_COLOR[s.last.status]}>{label('deliveryStatus', s.last.status)}</Tag>
                      {formatInstant(s.last.lastAttemptAt ?? s.last.createdAt, language)}
                    </span>
                    <Typography.Text type={s.failed > 0 ? 'danger' : 'secondary'}>
                      {t('admin.webhooks.recent', { total: s.total, failed: s.failed })}
                    </Typography.Text>
                  </Space>
                );
              },
            },
            {
              title: t('admin.actions'),
              key: 'actions',
              render: (_, w) => (
                <Space>
                  <Button
                    size="small"
                    onClick={() => openEdit(w)}
                    aria-label={t('admin.webhooks.editOne', { url: w.url })}
                  >
                    {t('admin.webhooks.edit')}
                  </Button>
                  <Button
                    size="small"
                    danger
                    onClick={() => confirmDelete(w)}
                    aria-label={t('admin.webhooks.deleteOne', { url: w.url })}
                  >
                    {t('admin.webhooks.delete')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>

      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('admin.webhooks.add') : t('admin.webhooks.edit')}
        okText={t('admin.save')}
        cancelText={t('admin.cancel')}
        confirmLoading={create.isPending || update.isPending}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <ProblemAlert problem={problem} />
        <Form<WebhookForm> form={form} layout="vertical" onFinish={(v) => void submit(v)}>
          <Form.Item
            name="url"
            label={t('admin.webhooks.url')}
            extra={t('admin.webhooks.urlHint')}
            rules={[{ required: true, message: t('admin.required', { field: t('admin.webhooks.url') }) }]}
          >
            <Input placeholder="https://oa.example.gov.cn/hooks/huiqi" />
          </Form.Item>
          <Form.Item name="description" label={t('admin.webhooks.description')}>
            <Input />
          </Form.Item>
          <Form.Item
            name="zoneCode"
            label={t('admin.webhooks.zone')}
            rules={[{ required: true, message: t('admin.required', { field: t('admin.webhooks.zone') }) }]}
          >
            <Select
              disabled={editing !== 'new'}
              options={(zones.data ?? []).map((z) => ({
                value: z.code,
                label: language === 'en' ? z.nameEn : z.nameZh,
              }))}
            />
          </Form.Item>
          {editing !== 'new' && (
            <Form.Item name="enabled" label={t('admin.webhooks.enabled')} valuePropName="checked">
              <Switch />
            </Form.Item>
          )}
        </Form>
      </Modal>

      <Modal
        open={secret !== null}
        title={t('admin.webhooks.secretTitle')}
        okText={t('admin.users.passwordNoted')}
        onOk={() => setSecret(null)}
        onCancel={() => setSecret(null)}
        cancelButtonProps={{ style: { display: 'none' } }}
      >
        <Typography.Paragraph>{t('admin.webhooks.secretBody')}</Typography.Paragraph>
        <Typography.Text code copyable>
          {secret}
        </Typography.Text>
      </Modal>
    </>
  );
}
