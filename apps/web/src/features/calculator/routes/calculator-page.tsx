import { Alert, Empty, Spin, Statistic, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ProblemAlert } from '../../../components/problem-alert';
import { toProblem } from '../../../lib/api/problem';
import { useMe } from '../../../lib/auth/use-me';
import { formatFen } from '../../../lib/money';
import { useCalculator } from '../api/calculate';
import { useCreateApplication } from '../api/create-application';
import { ResultCard } from '../components/result-card';

/** 我能享受哪些政策: the calculator for the signed-in enterprise, each program with Apply. */
export function CalculatorPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const calculator = useCalculator(me?.enterpriseId);
  const create = useCreateApplication();
  const [applyingCode, setApplyingCode] = useState<string | null>(null);

  const apply = (code: string) => {
    setApplyingCode(code);
    create.mutate(code, {
      onSuccess: (draft) => void navigate(`/applications/${draft.id}/edit`),
      onSettled: () => setApplyingCode(null),
    });
  };

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('calculator.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('calculator.intro')}</Typography.Paragraph>
      {create.isError && <ProblemAlert problem={toProblem(create.error, t('app.networkError'))} />}
      {calculator.isPending && <Spin style={{ display: 'block', margin: 48 }} />}
      {calculator.isError && <ProblemAlert problem={toProblem(calculator.error, t('app.networkError'))} />}
      {calculator.data && (
        <>
          <Space size="large" style={{ marginBottom: 16 }} wrap>
            <Statistic title={t('calculator.eligibleCount')} value={calculator.data.summary.eligible} />
            <Statistic title={t('calculator.total')} value={formatFen(calculator.data.summary.totalFen)} />
            {calculator.data.summary.upToFen > 0 && (
              <Statistic
                title={t('calculator.totalUpTo')}
                value={formatFen(calculator.data.summary.upToFen)}
              />
            )}
          </Space>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('calculator.fiscalYear', { year: calculator.data.fiscalYear })}
          />
          {calculator.data.results.length === 0 && <Empty description={t('calculator.none')} />}
          {calculator.data.results.map((result) => (
            <ResultCard
              key={`${result.programCode}-${result.subject ?? ''}`}
              result={result}
              onApply={apply}
              applying={applyingCode === result.programCode}
            />
          ))}
        </>
      )}
    </>
  );
}
