import {
  Alert,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Space,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MoneyInput, moneyRule } from '../../../components/money-input';
import { ProblemAlert } from '../../../components/problem-alert';
import { toProblem } from '../../../lib/api/problem';
import { applyProblemToForm } from '../../../lib/form-errors';
import { useLabels } from '../../../lib/labels';
import { formatFen } from '../../../lib/money';
import {
  useAssignment,
  useCaseAction,
  type ActionBody,
  type ActionType,
  type Application,
} from '../api/case';

type Need = 'required' | 'optional';

/** What each reviewer action asks for (the workflow library's EVENT_FIELDS, as a form). */
const ACTION_FIELDS: Partial<
  Record<
    ActionType,
    { comment?: Need; amount?: boolean; score?: Need; falseClaim?: boolean; danger?: boolean }
  >
> = {
  approve: { comment: 'optional', amount: true },
  accept: { comment: 'optional', amount: true },
  return: { comment: 'required' },
  reject: { comment: 'required', danger: true },
  verify: { comment: 'optional' },
  verification_failed: { comment: 'required', danger: true },
  object: { comment: 'required' },
  uphold_objection: { comment: 'required', falseClaim: true, danger: true },
  dismiss_objection: { comment: 'required' },
  cancel: { comment: 'required', falseClaim: true, danger: true },
  report_false_claim: { comment: 'required', danger: true },
};

/** Actions this panel does not offer: the enterprise's own, and the expert's (the review form). */
const NOT_HERE = new Set<string>([
  'submit',
  'resubmit',
  'withdraw',
  'confirm',
  'decline',
  'expert_approve',
  'expert_reject',
]);

/** States where an officer takes a case before acting on it (the API's OFFICER_STATES). */
const OFFICER_STATES = ['first_review', 'acceptance'];

interface ActionForm {
  comment?: string;
  amountFen?: number | null;
  score?: number | null;
  falseClaim?: boolean;
}

function bodyOf(type: ActionType, values: ActionForm): ActionBody {
  const body: ActionBody = { type };
  if (values.comment?.trim()) body.comment = values.comment.trim();
  if (values.amountFen != null && !Number.isNaN(values.amountFen)) body.amountFen = values.amountFen;
  if (values.score != null) body.score = values.score;
  if (values.falseClaim) body.falseClaim = true;
  return body;
}

/**
 * 办理: what the signed-in reviewer may do now, from the case's `availableActions` — take the case
 * (an officer, when it is unassigned or a colleague's), hand it back, and each workflow action in a
 * dialog asking for its comment, amount (yuan typed, integer fen sent) or false-claim flag.
 */
export function ActionPanel({
  application,
  role,
  userId,
}: {
  application: Application;
  role: string | undefined;
  userId: string | undefined;
}) {
  const { t } = useTranslation();
  const label = useLabels();
  const [form] = Form.useForm<ActionForm>();
  const [open, setOpen] = useState<ActionType | null>(null);
  const act = useCaseAction(application.id);
  const assignment = useAssignment(application.id);
  const a = application;
  const officerStage = role === 'officer' && OFFICER_STATES.includes(a.state);
  const canTake = officerStage && a.assigneeId !== userId;
  const canRelease = officerStage && a.assigneeId === userId;
  const actions = a.availableActions.filter((type) => !NOT_HERE.has(type)) as ActionType[];
  const spec = open ? (ACTION_FIELDS[open] ?? { comment: 'optional' as Need }) : null;
  const suggested = a.recommendedAmountFen ?? a.approvedAmountFen ?? a.computedAmountFen ?? null;

  const start = (type: ActionType) => {
    act.reset();
    form.resetFields();
    form.setFieldsValue({ amountFen: ACTION_FIELDS[type]?.amount ? suggested : null });
    setOpen(type);
  };

  const submit = async () => {
    if (!open) return;
    // A field left wrong shows its message at the field; there is nothing more to do.
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    act.mutate(
      { body: bodyOf(open, values), version: a.version },
      {
        onSuccess: () => setOpen(null),
        onError: (error) => applyProblemToForm(form, error),
      },
    );
  };

  const nothing = actions.length === 0 && !canTake && !canRelease;
  // An expert's part is the review form below; an empty panel above it would only confuse.
  if (nothing && a.availableActions.some((type) => type.startsWith('expert_'))) return null;
  return (
    <Card
      title={
        <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
          {t('staff.actions.title')}
        </Typography.Title>
      }
      style={{ marginBottom: 16 }}
    >
      {assignment.isError && <ProblemAlert problem={toProblem(assignment.error, t('app.networkError'))} />}
      {canTake && a.assigneeId && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('staff.actions.colleaguesCase')} />
      )}
      {nothing && <Typography.Text type="secondary">{t('staff.actions.none')}</Typography.Text>}
      <Space wrap>
        {canTake && (
          <Button type="primary" loading={assignment.isPending} onClick={() => assignment.mutate('take')}>
            {t('staff.actions.take')}
          </Button>
        )}
        {actions.map((type) => (
          <Button
            key={type}
            type={type === 'approve' || type === 'accept' ? 'primary' : 'default'}
            danger={ACTION_FIELDS[type]?.danger}
            onClick={() => start(type)}
          >
            {label('workflowAction', type)}
          </Button>
        ))}
        {canRelease && (
          <Button loading={assignment.isPending} onClick={() => assignment.mutate('release')}>
            {t('staff.actions.release')}
          </Button>
        )}
      </Space>

      <Modal
        open={open !== null}
        title={open ? label('workflowAction', open) : ''}
        okText={t('staff.actions.confirm')}
        cancelText={t('staff.actions.cancel')}
        confirmLoading={act.isPending}
        okButtonProps={{ danger: open ? ACTION_FIELDS[open]?.danger : false }}
        onOk={() => void submit()}
        onCancel={() => setOpen(null)}
        forceRender
      >
        {act.isError && <ProblemAlert problem={toProblem(act.error, t('app.networkError'))} />}
        <Form form={form} layout="vertical" requiredMark>
          {spec?.amount && (
            <Form.Item
              name="amountFen"
              label={t('staff.actions.amount')}
              extra={
                suggested != null
                  ? t('staff.actions.amountHint', { amount: formatFen(suggested) })
                  : undefined
              }
              rules={[moneyRule(t('staff.actions.amountInvalid'))]}
            >
              <MoneyInput />
            </Form.Item>
          )}
          {spec?.score && (
            <Form.Item
              name="score"
              label={t('staff.expert.score')}
              rules={[{ required: spec.score === 'required', message: t('staff.expert.scoreRequired') }]}
            >
              <InputNumber min={0} max={100} precision={0} />
            </Form.Item>
          )}
          {spec?.comment && (
            <Form.Item
              name="comment"
              label={t('staff.actions.comment')}
              rules={[
                {
                  required: spec.comment === 'required',
                  whitespace: true,
                  message: t('staff.actions.commentRequired'),
                },
                { max: 2000 },
              ]}
            >
              <Input.TextArea rows={4} maxLength={2000} showCount />
            </Form.Item>
          )}
          {spec?.falseClaim && (
            <Form.Item name="falseClaim" valuePropName="checked">
              <Checkbox>{t('staff.actions.falseClaim')}</Checkbox>
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Card>
  );
}

interface ExpertForm {
  conclusion: 'expert_approve' | 'expert_reject';
  score?: number | null;
  comment?: string;
  amountFen?: number | null;
}

/**
 * 专家评审: the expert's score (0–100), opinion and, when in favour, an amount of their own — beside
 * the officer's recommended amount, which the expert sees and the enterprise never does.
 */
export function ExpertReviewForm({ application }: { application: Application }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ExpertForm>();
  const act = useCaseAction(application.id);
  const conclusion = Form.useWatch('conclusion', form);
  const a = application;
  if (!a.availableActions.includes('expert_approve') && !a.availableActions.includes('expert_reject'))
    return null;
  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    act.mutate(
      {
        body: bodyOf(values.conclusion, {
          comment: values.comment,
          score: values.score,
          amountFen: values.conclusion === 'expert_approve' ? values.amountFen : null,
        }),
        version: a.version,
      },
      { onError: (error) => applyProblemToForm(form, error) },
    );
  };
  return (
    <Card
      title={
        <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
          {t('staff.expert.title')}
        </Typography.Title>
      }
      style={{ marginBottom: 16 }}
    >
      {a.recommendedAmountFen != null && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('staff.expert.recommended', { amount: formatFen(a.recommendedAmountFen) })}
        />
      )}
      {act.isError && <ProblemAlert problem={toProblem(act.error, t('app.networkError'))} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ conclusion: 'expert_approve' }}
        style={{ maxWidth: 560 }}
        onFinish={() => void submit()}
      >
        <Form.Item name="conclusion" label={t('staff.expert.conclusion')}>
          <Radio.Group
            options={[
              { value: 'expert_approve', label: t('staff.expert.approve') },
              { value: 'expert_reject', label: t('staff.expert.reject') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="score"
          label={t('staff.expert.score')}
          rules={[
            {
              required: conclusion !== 'expert_reject',
              message: t('staff.expert.scoreRequired'),
            },
          ]}
        >
          <InputNumber min={0} max={100} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item
          name="comment"
          label={t('staff.expert.opinion')}
          rules={[
            {
              required: conclusion === 'expert_reject',
              whitespace: true,
              message: t('staff.expert.opinionRequired'),
            },
          ]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
        {conclusion !== 'expert_reject' && (
          <Form.Item
            name="amountFen"
            label={t('staff.expert.amount')}
            rules={[moneyRule(t('staff.actions.amountInvalid'))]}
          >
            <MoneyInput />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={act.isPending}>
          {t('staff.expert.submit')}
        </Button>
      </Form>
    </Card>
  );
}
