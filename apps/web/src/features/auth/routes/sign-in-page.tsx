import { Button, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { ProblemAlert } from '../../../components/problem-alert';
import { toProblem } from '../../../lib/api/problem';
import { safeReturnTo } from '../../../lib/auth/return-to';
import { useToken } from '../../../lib/auth/session';
import { applyProblemToForm } from '../../../lib/form-errors';
import { useSignIn, type LoginBody } from '../api/sign-in';
import { AuthCard } from '../components/auth-card';

export function SignInPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<LoginBody>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const signIn = useSignIn();
  const token = useToken();
  const returnTo = safeReturnTo(params.get('returnTo'));

  if (token && !signIn.isPending && !signIn.isSuccess) return <Navigate to={returnTo} replace />;

  const onFinish = (values: LoginBody) =>
    signIn.mutate(values, {
      onSuccess: () => void navigate(returnTo, { replace: true }),
      onError: (error) => applyProblemToForm(form, error),
    });

  return (
    <AuthCard title={t('signIn.title')} subtitle={t('signIn.subtitle')}>
      {returnTo !== '/' && <Typography.Paragraph>{t('signIn.returnTo')}</Typography.Paragraph>}
      <ProblemAlert problem={signIn.error ? toProblem(signIn.error, t('app.networkError')) : null} />
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
        <Form.Item
          name="username"
          label={t('signIn.username')}
          rules={[{ required: true, message: t('signIn.required', { field: t('signIn.username') }) }]}
        >
          <Input autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('signIn.password')}
          rules={[{ required: true, message: t('signIn.required', { field: t('signIn.password') }) }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={signIn.isPending}>
          {t('signIn.submit')}
        </Button>
      </Form>
      <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0 }}>
        {t('signIn.noAccount')}{' '}
        <Link to="/register" style={{ textDecoration: 'underline' }}>
          {t('signIn.register')}
        </Link>
      </Typography.Paragraph>
      <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
        <Link to="/publicity" style={{ textDecoration: 'underline' }}>
          {t('signIn.publicity')}
        </Link>
      </Typography.Paragraph>
    </AuthCard>
  );
}
