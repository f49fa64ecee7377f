import { Alert, Card, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ProblemAlert } from '../../../components/problem-alert';
import { toProblem } from '../../../lib/api/problem';
import { useLanguage } from '../../../lib/i18n';
import { asDefinition, localized } from '../../../lib/program-definition';
import { useApplication } from '../api/get-application';
import { useProgram } from '../api/get-program';
import { CheckTask } from '../components/check-task';
import { DocumentsTask } from '../components/documents-task';
import { FormTask } from '../components/form-task';
import { formComplete, type StoredForm } from '../components/form-values';
import { TAG_SUCCESS } from '../../../lib/contrast';

type Task = 'form' | 'documents' | 'check';
const TASKS: Task[] = ['form', 'documents', 'check'];

/**
 * The application wizard (GOV.UK task list): the form generated from the program's fields, the
 * documents, and check your answers before submit. Opens on drafts and on cases returned for amendment.
 */
export function WizardPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const language = useLanguage();
  const [params, setParams] = useSearchParams();
  const application = useApplication(id);
  const program = useProgram(application.data?.programCode);
  const task = (TASKS as string[]).includes(params.get('task') ?? '') ? (params.get('task') as Task) : null;
  const goTo = (next: Task | null) => {
    setParams(next ? { task: next } : {});
    window.scrollTo(0, 0);
  };

  if (application.isPending || (application.data && program.isPending))
    return <Spin style={{ display: 'block', margin: 48 }} />;
  if (application.isError)
    return <ProblemAlert problem={toProblem(application.error, t('app.networkError'))} />;
  if (program.isError) return <ProblemAlert problem={toProblem(program.error, t('app.networkError'))} />;
  const a = application.data;
  const version = program.data?.versions.length ? program.data.current : null;
  const def = asDefinition(version?.definition);
  const fields = def.formFields ?? [];
  const documents = def.documents ?? [];
  const title = version ? localized(version.title, language) : a.programCode;

  if (a.state !== 'draft' && a.state !== 'amending')
    return (
      <Alert
        type="info"
        showIcon
        title={t('wizard.notEditable')}
        description={
          <Link to={`/applications/${a.id}`} style={{ textDecoration: 'underline' }}>
            {t('wizard.toCase')}
          </Link>
        }
      />
    );

  const uploaded = new Set((a.documents ?? []).map((d) => d.documentType));
  const done: Record<Task, boolean> = {
    form: formComplete(fields, a.form as StoredForm),
    documents: documents.every((d) => !d.mandatory || uploaded.has(d.type)),
    check: false,
  };

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('wizard.title', { program: title })}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('wizard.reference', { reference: a.reference })} ·{' '}
        <Link to={`/applications/${a.id}`} style={{ textDecoration: 'underline' }}>
          {t('wizard.toCase')}
        </Link>
      </Typography.Paragraph>
      {task === null ? (
        <Card style={{ maxWidth: 720 }}>
          <Typography.Title level={2} style={{ fontSize: 18 }}>
            {t('wizard.taskList')}
          </Typography.Title>
          <ol style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {TASKS.map((key, i) => (
              <li
                key={key}
                style={{
                  display: 'flex',
                  justifyContent: 'space-between',
                  padding: '12px 0',
                  borderTop: '1px solid #f0f0f0',
                }}
              >
                <Space>
                  <span>{i + 1}.</span>
                  <Link to={`?task=${key}`}>{t(`wizard.task.${key}`)}</Link>
                </Space>
                <Tag color={done[key] ? TAG_SUCCESS : 'default'}>
                  {key === 'check'
                    ? done.form && done.documents
                      ? t('wizard.status.ready')
                      : t('wizard.status.cannotStart')
                    : done[key]
                      ? t('wizard.status.done')
                      : t('wizard.status.todo')}
                </Tag>
              </li>
            ))}
          </ol>
        </Card>
      ) : (
        <>
          <Typography.Paragraph>
            <Link to="?">{t('wizard.backToTasks')}</Link>
          </Typography.Paragraph>
          <Typography.Title level={2} style={{ fontSize: 20 }}>
            {t(`wizard.task.${task}`)}
          </Typography.Title>
          {task === 'form' && <FormTask application={a} fields={fields} onSaved={() => goTo('documents')} />}
          {task === 'documents' && (
            <DocumentsTask application={a} documents={documents} onDone={() => goTo('check')} />
          )}
          {task === 'check' && (
            <CheckTask
              application={a}
              fields={fields}
              documents={documents}
              mode={version?.mode ?? a.mode}
              goTo={goTo}
            />
          )}
        </>
      )}
    </>
  );
}
