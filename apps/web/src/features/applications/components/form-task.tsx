import { Button, Form } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { moneyRule } from '../../../components/money-input';
import { ProblemAlert } from '../../../components/problem-alert';
import type { components } from '../../../lib/api/client';
import { toProblem } from '../../../lib/api/problem';
import { applyProblemToForm } from '../../../lib/form-errors';
import { useLanguage } from '../../../lib/i18n';
import { fieldLabel, type FormFieldDefinition } from '../../../lib/program-definition';
import { useUpdateApplication } from '../api/update-application';
import { ErrorSummary, type SummaryError } from './error-summary';
import { FieldInput } from './field-input';
import { formPatch, toInputValue, type StoredForm } from './form-values';

type Application = components['schemas']['ApplicationView'];

export const FORM_NAME = 'application';
export const fieldId = (name: string) => `${FORM_NAME}_form_${name}`;

/** The application form, generated from the program's form fields; saving sends a merge patch. */
export function FormTask({
  application,
  fields,
  onSaved,
}: {
  application: Application;
  fields: FormFieldDefinition[];
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [form] = Form.useForm();
  const update = useUpdateApplication(application.id);
  const [summary, setSummary] = useState<SummaryError[]>([]);
  const [problem, setProblem] = useState<unknown>(null);
  const stored = application.form as StoredForm;
  const initial = { form: Object.fromEntries(fields.map((f) => [f.name, toInputValue(f, stored[f.name])])) };

  const collect = () =>
    setSummary(
      form
        .getFieldsError()
        .filter((e) => e.errors.length > 0)
        .map((e) => ({ targetId: fieldId(String(e.name[1])), message: e.errors[0] })),
    );

  const save = (values: { form: Record<string, unknown> }) => {
    setProblem(null);
    const patch = formPatch(fields, stored, values.form ?? {});
    if (Object.keys(patch).length === 0) {
      setSummary([]);
      onSaved();
      return;
    }
    update.mutate(patch, {
      onSuccess: () => {
        setSummary([]);
        onSaved();
      },
      onError: (error) => {
        if (applyProblemToForm(form, error)) collect();
        else setProblem(error);
      },
    });
  };

  return (
    <>
      <ErrorSummary errors={summary} />
      {problem !== null && <ProblemAlert problem={toProblem(problem, t('app.networkError'))} />}
      <Form
        form={form}
        name={FORM_NAME}
        layout="vertical"
        initialValues={initial}
        onFinish={save}
        onFinishFailed={collect}
        scrollToFirstError
        style={{ maxWidth: 640 }}
      >
        {fields.map((f) => {
          const label = fieldLabel(f, language);
          const rules = [
            ...(f.required ? [{ required: true, message: t('wizard.required', { field: label }) }] : []),
            ...(f.type === 'money_fen' ? [moneyRule(t('wizard.money', { field: label }))] : []),
          ];
          return (
            <Form.Item
              key={f.name}
              name={['form', f.name]}
              label={f.type === 'money_fen' ? t('wizard.inYuan', { field: label }) : label}
              rules={rules}
              extra={
                f.type === 'money_fen'
                  ? t('wizard.moneyHelp')
                  : f.type === 'id_number'
                    ? t('wizard.idHelp')
                    : undefined
              }
            >
              <FieldInput field={f} />
            </Form.Item>
          );
        })}
        <Button type="primary" htmlType="submit" loading={update.isPending}>
          {t('wizard.saveContinue')}
        </Button>
      </Form>
    </>
  );
}
