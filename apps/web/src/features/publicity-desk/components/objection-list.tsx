import { Descriptions, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../../lib/i18n';
import { useLabels } from '../../../lib/labels';
import { formatInstant } from '../../../lib/time';
import type { Objection } from '../api/objections';

const OUTCOME_STYLE = {
  pending: { color: '#874d00', background: '#fffbe6', borderColor: '#ffe58f' },
  upheld: { color: '#820014', background: '#fff1f0', borderColor: '#ffa39e' },
  dismissed: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
} as const;

/** The objections to a case: text, objector (staff only), the applicant's answers, the decision. */
export function ObjectionList({ objections }: { objections: Objection[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const label = useLabels();
  if (objections.length === 0)
    return <Typography.Text>{t('publicityDesk.publicity.noObjections')}</Typography.Text>;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {objections.map((o) => (
        <Descriptions
          key={o.seq}
          size="small"
          bordered
          column={1}
          title={
            <Space>
              {t('publicityDesk.publicity.objectionRound', { round: o.round })}
              <Tag style={OUTCOME_STYLE[o.outcome]} data-testid={`objection-outcome-${o.round}`}>
                {t(`publicityDesk.publicity.outcomes.${o.outcome}`)}
              </Tag>
            </Space>
          }
          items={[
            {
              key: 'comment',
              label: t('publicityDesk.publicity.objections'),
              children: <Typography.Text data-testid="objection-text">{o.comment}</Typography.Text>,
            },
            ...(o.objector
              ? [
                  {
                    key: 'objector',
                    label: t('publicityDesk.publicity.objector'),
                    children: [o.objector.enterpriseName, o.objector.name, label('role', o.objector.role)]
                      .filter(Boolean)
                      .join(' · '),
                  },
                ]
              : []),
            {
              key: 'raisedAt',
              label: t('publicityDesk.publicity.raisedAt'),
              children: formatInstant(o.raisedAt, language),
            },
            {
              key: 'answers',
              label: t('publicityDesk.publicity.answers'),
              children:
                o.answers.length === 0 ? (
                  <Typography.Text type="secondary">{t('publicityDesk.publicity.noAnswer')}</Typography.Text>
                ) : (
                  <Space direction="vertical" size={4}>
                    {o.answers.map((a) => (
                      <span key={a.seq}>
                        <Typography.Text data-testid="objection-answer">{a.comment}</Typography.Text>{' '}
                        <Typography.Text type="secondary">
                          （{[a.answeredBy, formatInstant(a.answeredAt, language)].filter(Boolean).join(' ')}
                          ）
                        </Typography.Text>
                      </span>
                    ))}
                  </Space>
                ),
            },
            ...(o.decidedAt
              ? [
                  {
                    key: 'decision',
                    label: t('publicityDesk.publicity.decisionComment'),
                    children: `${o.decisionComment ?? ''}（${formatInstant(o.decidedAt, language)}）`,
                  },
                ]
              : []),
          ]}
        />
      ))}
    </Space>
  );
}
