import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Modal, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/problem-alert';
import { toProblem, type ProblemDocument } from '../../../lib/api/problem';
import { applyProblemToForm } from '../../../lib/form-errors';
import { TAG_SUCCESS } from '../../../lib/contrast';
import { useLanguage } from '../../../lib/i18n';
import { useLabels } from '../../../lib/labels';
import { formatInstant } from '../../../lib/time';
import { useZoneName, useZones } from '../../../lib/zones';
import { useCreateUser, useDeactivateUser, useUsers, type CreateUserBody, type UserView } from '../api/admin';
import { generatePassword, PageHeading } from '../components/page-heading';

const STAFF_ROLES = ['officer', 'director', 'expert', 'finance', 'policy_admin', 'auditor', 'admin'] as const;
const PAGE_SIZE = 20;

interface NewUserForm {
  username: string;
  displayName?: string;
  email?: string;
  role: CreateUserBody['role'];
  zoneCode?: string;
  password: string;
}

/** 用户管理: staff users with their role and zone; create (one-time password shown once); deactivate. */
export function UsersPage() {
  const { t } = useTranslation();
  const label = useLabels();
  const language = useLanguage();
  const zoneName = useZoneName();
  const zones = useZones();
  const { modal, message } = App.useApp();
  const [page, setPage] = useState(1);
  const [role, setRole] = useState<UserView['role'] | undefined>();
  const users = useUsers({ page, pageSize: PAGE_SIZE, ...(role ? { role } : {}) });
  const create = useCreateUser();
  const deactivate = useDeactivateUser();
  const [form] = Form.useForm<NewUserForm>();
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<ProblemDocument | null>(null);
  const [created, setCreated] = useState<{ user: UserView; password: string } | null>(null);
  const chosenRole = Form.useWatch('role', form);

  const openCreate = () => {
    form.resetFields();
    form.setFieldsValue({ password: generatePassword() });
    setProblem(null);
    setOpen(true);
  };

  const submit = async (values: NewUserForm) => {
    setProblem(null);
    try {
      const user = await create.mutateAsync({
        username: values.username.trim(),
        password: values.password,
        role: values.role,
        ...(values.displayName ? { displayName: values.displayName.trim() } : {}),
        ...(values.email ? { email: values.email.trim() } : {}),
        ...(values.role !== 'admin' && values.zoneCode ? { zoneCode: values.zoneCode } : {}),
      });
      setOpen(false);
      setCreated({ user, password: values.password });
    } catch (error) {
      if (!applyProblemToForm(form, error)) setProblem(toProblem(error, t('app.networkError')));
    }
  };

  const confirmDeactivate = (user: UserView) => {
    modal.confirm({
      title: t('admin.users.deactivateTitle', { name: user.displayName || user.username }),
      content: t('admin.users.deactivateBody'),
      okText: t('admin.users.deactivate'),
      okButtonProps: { danger: true },
      cancelText: t('admin.cancel'),
      onOk: async () => {
        try {
          await deactivate.mutateAsync(user.id);
          void message.success(t('admin.users.deactivated', { name: user.username }));
        } catch (error) {
          void message.error(toProblem(error, t('app.networkError')).title);
        }
      },
    });
  };

  return (
    <>
      <PageHeading
        title={t('admin.users.title')}
        intro={t('admin.users.intro')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={openCreate}>
            {t('admin.users.create')}
          </Button>
        }
      />
      <Card>
        <div style={{ marginBottom: 12 }}>
          <Select
            allowClear
            aria-label={t('admin.users.filterRole')}
            placeholder={t('admin.users.filterRole')}
            style={{ width: 220 }}
            value={role}
            onChange={(v: UserView['role'] | undefined) => {
              setRole(v);
              setPage(1);
            }}
            options={[...STAFF_ROLES, 'enterprise' as const].map((r) => ({
              value: r,
              label: label('role', r),
            }))}
          />
        </div>
        <Table<UserView>
          rowKey="id"
          loading={users.isLoading}
          dataSource={users.data?.items}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: users.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
          }}
          columns={[
            { title: t('admin.users.username'), dataIndex: 'username' },
            { title: t('admin.users.displayName'), dataIndex: 'displayName' },
            { title: t('admin.users.role'), key: 'role', render: (_, u) => label('role', u.role) },
            {
              title: t('admin.users.zone'),
              key: 'zone',
              render: (_, u) => (u.zoneCode ? zoneName(u.zoneCode) : t('admin.users.noZone')),
            },
            {
              title: t('admin.users.status'),
              key: 'status',
              render: (_, u) =>
                u.isActive ? (
                  <Tag color={TAG_SUCCESS}>{t('admin.users.active')}</Tag>
                ) : (
                  <Tag>{t('admin.users.inactive')}</Tag>
                ),
            },
            {
              title: t('admin.users.createdAt'),
              key: 'createdAt',
              render: (_, u) => formatInstant(u.createdAt, language),
            },
            {
              title: t('admin.actions'),
              key: 'actions',
              render: (_, u) =>
                u.isActive ? (
                  <Button
                    danger
                    size="small"
                    onClick={() => confirmDeactivate(u)}
                    aria-label={t('admin.users.deactivateOne', { name: u.username })}
                  >
                    {t('admin.users.deactivate')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>

      <Modal
        open={open}
        title={t('admin.users.create')}
        okText={t('admin.users.createOk')}
        cancelText={t('admin.cancel')}
        confirmLoading={create.isPending}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <ProblemAlert problem={problem} />
        <Form<NewUserForm> form={form} layout="vertical" onFinish={(v) => void submit(v)}>
          <Form.Item
            name="username"
            label={t('admin.users.username')}
            extra={t('admin.users.usernameHint')}
            rules={[{ required: true, message: t('admin.required', { field: t('admin.users.username') }) }]}
          >
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="displayName" label={t('admin.users.displayName')}>
            <Input />
          </Form.Item>
          <Form.Item name="email" label={t('admin.users.email')}>
            <Input type="email" />
          </Form.Item>
          <Form.Item
            name="role"
            label={t('admin.users.role')}
            rules={[{ required: true, message: t('admin.required', { field: t('admin.users.role') }) }]}
          >
            <Select options={STAFF_ROLES.map((r) => ({ value: r, label: label('role', r) }))} />
          </Form.Item>
          {chosenRole !== 'admin' && (
            <Form.Item
              name="zoneCode"
              label={t('admin.users.zone')}
              rules={[{ required: true, message: t('admin.required', { field: t('admin.users.zone') }) }]}
            >
              <Select
                options={(zones.data ?? []).map((z) => ({
                  value: z.code,
                  label: language === 'en' ? z.nameEn : z.nameZh,
                }))}
              />
            </Form.Item>
          )}
          <Form.Item
            name="password"
            label={t('admin.users.oneTimePassword')}
            extra={t('admin.users.passwordHint')}
            rules={[{ required: true, min: 10, message: t('admin.users.passwordTooShort') }]}
          >
            <Input
              readOnly
              addonAfter={
                <Button
                  type="link"
                  size="small"
                  onClick={() => form.setFieldsValue({ password: generatePassword() })}
                >
                  {t('admin.users.regenerate')}
                </Button>
              }
            />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={created !== null}
        title={t('admin.users.createdTitle')}
        okText={t('admin.users.passwordNoted')}
        onOk={() => setCreated(null)}
        onCancel={() => setCreated(null)}
        cancelButtonProps={{ style: { display: 'none' } }}
      >
        {created && (
          <>
            <Typography.Paragraph>
              {t('admin.users.createdBody', {
                username: created.user.username,
                role: label('role', created.user.role),
              })}
            </Typography.Paragraph>
            <Typography.Paragraph>
              {t('admin.users.oneTimePassword')}：
              <Typography.Text code copyable data-testid="one-time-password">
                {created.password}
              </Typography.Text>
            </Typography.Paragraph>
            <Typography.Paragraph strong>{t('admin.users.shownOnce')}</Typography.Paragraph>
          </>
        )}
      </Modal>
    </>
  );
}
