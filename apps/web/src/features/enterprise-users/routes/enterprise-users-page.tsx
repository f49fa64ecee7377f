import { App, Button, Form, Input, Modal, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/problem-alert';
import { toProblem, type ProblemDocument } from '../../../lib/api/problem';
import { useMe } from '../../../lib/auth/use-me';
import { applyProblemToForm } from '../../../lib/form-errors';
import { useLanguage } from '../../../lib/i18n';
import { formatInstant } from '../../../lib/time';
import { useEnterpriseUsers, useInviteUser, useRemoveUser, type NewColleague } from '../api/users';

/** The enterprise's users: the first user (the manager) invites and removes colleagues. */
export function EnterpriseUsersPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { modal, message } = App.useApp();
  const me = useMe();
  const enterpriseId = me.data?.enterpriseId ?? '';
  const users = useEnterpriseUsers(enterpriseId);
  const invite = useInviteUser(enterpriseId);
  const remove = useRemoveUser(enterpriseId);
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<ProblemDocument | null>(null);
  const [form] = Form.useForm<NewColleague>();
  if (users.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (users.isError) return <ProblemAlert problem={toProblem(users.error, t('app.networkError'))} />;
  const manager = users.data.find((u) => u.id === me.data?.id)?.isEnterpriseOwner ?? false;

  const submit = async (values: NewColleague) => {
    setProblem(null);
    try {
      await invite.mutateAsync(values);
      void message.success(t('users.invited', { name: values.username }));
      form.resetFields();
      setOpen(false);
    } catch (error) {
      if (!applyProblemToForm(form, error)) setProblem(toProblem(error, t('app.networkError')));
    }
  };

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} align="center">
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('users.title')}
        </Typography.Title>
        {manager && (
          <Button type="primary" onClick={() => setOpen(true)}>
            {t('users.invite')}
          </Button>
        )}
      </Space>
      {!manager && <Typography.Paragraph type="secondary">{t('users.onlyManager')}</Typography.Paragraph>}
      <Table
        rowKey="id"
        pagination={false}
        dataSource={users.data}
        columns={[
          { title: t('users.username'), dataIndex: 'username' },
          { title: t('users.displayName'), dataIndex: 'displayName' },
          { title: t('users.email'), key: 'email', render: (_, u) => u.email ?? '—' },
          {
            title: t('users.status'),
            key: 'status',
            render: (_, u) => (
              <Space>
                {u.isEnterpriseOwner && <Tag color="red">{t('users.manager')}</Tag>}
                {!u.isActive && <Tag>{t('users.removed')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('users.createdAt'),
            key: 'createdAt',
            render: (_, u) => formatInstant(u.createdAt, language),
          },
          ...(manager
            ? [
                {
                  title: t('users.actions'),
                  key: 'actions',
                  render: (_: unknown, u: (typeof users.data)[number]) =>
                    u.isEnterpriseOwner || !u.isActive ? null : (
                      <Button
                        danger
                        size="small"
                        onClick={() =>
                          void modal.confirm({
                            title: t('users.removeTitle', { name: u.displayName || u.username }),
                            content: t('users.removeText'),
                            okText: t('users.remove'),
                            okButtonProps: { danger: true },
                            cancelText: t('common.cancel'),
                            onOk: async () => {
                              try {
                                await remove.mutateAsync(u.id);
                                void message.success(t('users.removedDone'));
                              } catch (error) {
                                void message.error(toProblem(error, t('app.networkError')).title);
                              }
                            },
                          })
                        }
                      >
                        {t('users.remove')}
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={open}
        title={t('users.inviteTitle')}
        okText={t('users.inviteSubmit')}
        cancelText={t('common.cancel')}
        confirmLoading={invite.isPending}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <ProblemAlert problem={problem} />
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} preserve={false}>
          <Form.Item
            name="username"
            label={t('users.username')}
            extra={t('register.usernameHelp')}
            rules={[{ required: true, message: t('register.required', { field: t('users.username') }) }]}
          >
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="displayName" label={t('users.displayName')}>
            <Input />
          </Form.Item>
          <Form.Item name="email" label={t('users.email')}>
            <Input type="email" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('users.initialPassword')}
            extra={t('register.passwordHelp')}
            rules={[
              { required: true, message: t('register.required', { field: t('users.initialPassword') }) },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
