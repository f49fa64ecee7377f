import { App, Button, Card, Form, Input, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ProblemAlert } from '../../../components/problem-alert';
import { toProblem } from '../../../lib/api/problem';
import { applyProblemToForm } from '../../../lib/form-errors';
import { useAnswerObjection, useCase, useObjections } from '../api/objections';
import { ObjectionList } from '../components/objection-list';

/**
 * 答复异议: the applicant reads the objections to its case (not who raised them) and, while one awaits
 * the director's decision, answers it; the answer goes to the director with the case.
 */
export function AnswerObjectionPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const app = useCase(id);
  const objections = useObjections(id);
  const answer = useAnswerObjection(id);
  const [form] = Form.useForm<{ comment: string }>();

  if (app.isPending || objections.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (app.isError || objections.isError)
    return <ProblemAlert problem={toProblem(app.error ?? objections.error, t('app.networkError'))} />;
  const open = app.data.state === 'objection';

  const submit = async ({ comment }: { comment: string }) => {
    try {
      await answer.mutateAsync(comment);
      void message.success(t('publicityDesk.answer.answered'));
      form.resetFields();
    } catch (error) {
      applyProblemToForm(form, error);
    }
  };

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('publicityDesk.answer.title')} · {app.data.reference}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('publicityDesk.answer.intro')}</Typography.Paragraph>
      <Space direction="vertical" style={{ width: '100%' }} size="large">
        <ObjectionList objections={objections.data} />
        {open ? (
          <Card>
            {answer.isError && !applyProblemToForm(form, answer.error) && (
              <ProblemAlert problem={toProblem(answer.error, t('app.networkError'))} />
            )}
            <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
              <Form.Item
                name="comment"
                label={t('publicityDesk.answer.comment')}
                rules={[
                  { required: true, whitespace: true, message: t('publicityDesk.answer.commentRequired') },
                ]}
              >
                <Input.TextArea rows={4} maxLength={2000} showCount />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={answer.isPending}>
                {t('publicityDesk.answer.submit')}
              </Button>
            </Form>
          </Card>
        ) : (
          <Typography.Text type="secondary">{t('publicityDesk.answer.closed')}</Typography.Text>
        )}
        <Link to={`/applications/${id}`}>{t('publicityDesk.answer.back')}</Link>
      </Space>
    </>
  );
}
