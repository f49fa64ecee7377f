import { checkUscc } from '@huiqi/common/uscc';
import { App, Button, Form, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ProblemAlert } from '../../../components/problem-alert';
import { toProblem } from '../../../lib/api/problem';
import { applyProblemToForm } from '../../../lib/form-errors';
import { useLanguage } from '../../../lib/i18n';
import { useZones } from '../../../lib/zones';
import { useRegisterEnterprise } from '../api/register';
import { AuthCard } from '../components/auth-card';

interface RegisterValues {
  uscc: string;
  name: string;
  zoneCode: string;
  username: string;
  password: string;
  confirmPassword: string;
}

const USERNAME = /^[a-z0-9_.-]{3,64}$/;

export function RegisterPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [form] = Form.useForm<RegisterValues>();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const zones = useZones();
  const register = useRegisterEnterprise();

  const required = (field: string) => ({ required: true, message: t('register.required', { field }) });

  const onFinish = ({ confirmPassword: _confirm, ...values }: RegisterValues) =>
    register.mutate(
      {
        ...values,
        uscc: values.uscc.trim().toUpperCase(),
        username: values.username.trim().toLowerCase(),
        locale: language,
      },
      {
        onSuccess: () => {
          void message.success(t('register.done'));
          void navigate('/', { replace: true });
        },
        onError: (error) => applyProblemToForm(form, error),
      },
    );

  return (
    <AuthCard title={t('register.title')} subtitle={t('register.subtitle')}>
      <ProblemAlert problem={register.error ? toProblem(register.error, t('app.networkError')) : null} />
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
        <Form.Item
          name="uscc"
          label={t('register.uscc')}
          extra={t('register.usccHelp')}
          rules={[
            required(t('register.uscc')),
            {
              validator: (_, value: string | undefined) => {
                if (!value) return Promise.resolve();
                const result = checkUscc(value);
                if (result.valid) return Promise.resolve();
                return Promise.reject(
                  new Error(
                    t(`register.usccProblem.${result.problem}`, { length: result.normalized.length }),
                  ),
                );
              },
            },
          ]}
        >
          <Input maxLength={18} autoComplete="off" spellCheck={false} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item name="name" label={t('register.name')} rules={[required(t('register.name'))]}>
          <Input autoComplete="organization" />
        </Form.Item>
        <Form.Item name="zoneCode" label={t('register.zone')} rules={[required(t('register.zone'))]}>
          <Select
            placeholder={t('register.zonePlaceholder')}
            loading={zones.isPending}
            options={(zones.data ?? []).map((z) => ({
              value: z.code,
              label: language === 'en' ? z.nameEn : z.nameZh,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="username"
          label={t('register.username')}
          extra={t('register.usernameHelp')}
          rules={[
            required(t('register.username')),
            { pattern: USERNAME, message: t('register.usernameInvalid') },
          ]}
        >
          <Input autoComplete="username" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('register.password')}
          extra={t('register.passwordHelp')}
          rules={[required(t('register.password')), { min: 10, message: t('register.passwordTooShort') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('register.confirmPassword')}
          dependencies={['password']}
          rules={[
            required(t('register.confirmPassword')),
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                !value || value === getFieldValue('password')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('register.passwordsDiffer'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={register.isPending}>
          {t('register.submit')}
        </Button>
      </Form>
      <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0 }}>
        {t('register.haveAccount')}{' '}
        <Link to="/sign-in" style={{ textDecoration: 'underline' }}>
          {t('register.signIn')}
        </Link>
      </Typography.Paragraph>
    </AuthCard>
  );
}
