import { Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/problem-alert';
import { toProblem, type ProblemDocument } from '../../../lib/api/problem';
import { applyProblemToForm } from '../../../lib/form-errors';

export interface OfficerOption {
  officerId: string;
  displayName: string;
  username: string;
  openCount: number;
}

interface Values {
  toOfficerId: string;
  comment?: string;
}

/** Choose the officer (by name) who takes the work over, and say why; errors land on the fields. */
export function ReassignDialog({
  title,
  officers,
  exclude,
  onSubmit,
  onClose,
}: {
  title: string;
  officers: OfficerOption[];
  /** The officer who has the work now (not a choice). */
  exclude?: string | null;
  onSubmit: (values: Values) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<ProblemDocument | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (values: Values) => {
    setProblem(null);
    setBusy(true);
    try {
      await onSubmit({ toOfficerId: values.toOfficerId, comment: values.comment?.trim() || undefined });
      onClose();
    } catch (error) {
      if (!applyProblemToForm(form, error)) setProblem(toProblem(error, t('app.networkError')));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={title}
      okText={t('director.reassign.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <ProblemAlert problem={problem} />
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="toOfficerId"
          label={t('director.reassign.toOfficer')}
          rules={[{ required: true, message: t('director.reassign.toOfficerRequired') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={officers
              .filter((o) => o.officerId !== exclude)
              .map((o) => ({
                value: o.officerId,
                label: t('director.reassign.officerOption', {
                  name: o.displayName,
                  username: o.username,
                  count: o.openCount,
                }),
              }))}
          />
        </Form.Item>
        <Form.Item name="comment" label={t('director.reassign.comment')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
