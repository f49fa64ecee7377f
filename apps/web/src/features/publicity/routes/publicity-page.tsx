import { PrinterOutlined } from '@ant-design/icons';
import { fenToChineseCapital } from '@huiqi/common/chinese-amount';
import { Button, Layout, Select, Space, Spin, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ProblemAlert } from '../../../components/problem-alert';
import { toProblem } from '../../../lib/api/problem';
import { useLanguage } from '../../../lib/i18n';
import { formatFen } from '../../../lib/money';
import { formatInstant } from '../../../lib/time';
import { useZones } from '../../../lib/zones';
import { usePublicity } from '../api/publicity';
import './publicity-print.css';

/**
 * The public 公示 notice (no sign-in): each zone's approved cases while objections are open. Printing
 * (打印) gives the notice alone: the print stylesheet hides the page's controls.
 */
export function PublicityPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { zone } = useParams();
  const navigate = useNavigate();
  const zones = useZones();
  const list = usePublicity(zone);
  const zoneName = (z: { nameZh: string; nameEn: string }) => (language === 'en' ? z.nameEn : z.nameZh);

  return (
    <Layout style={{ minHeight: '100vh', background: '#fff' }}>
      <main style={{ maxWidth: 1080, width: '100%', margin: '0 auto', padding: 24 }}>
        <Space
          className="no-print"
          style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }}
        >
          <Link to="/sign-in">{t('publicity.backToSignIn')}</Link>
          <Space>
            <Select
              aria-label={t('publicity.zone')}
              placeholder={t('publicity.chooseZone')}
              style={{ minWidth: 260 }}
              value={zone}
              loading={zones.isPending}
              options={(zones.data ?? []).map((z) => ({ value: z.code, label: zoneName(z) }))}
              onChange={(code: string) => void navigate(`/publicity/${code}`)}
            />
            {zone && (
              <Button icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!list.data}>
                {t('publicity.print')}
              </Button>
            )}
          </Space>
        </Space>
        {!zone ? (
          <>
            <Typography.Title level={1} style={{ fontSize: 24 }}>
              {t('publicity.title')}
            </Typography.Title>
            <Typography.Paragraph>{t('publicity.chooseZoneIntro')}</Typography.Paragraph>
            <ul>
              {(zones.data ?? []).map((z) => (
                <li key={z.code}>
                  <Link to={`/publicity/${z.code}`}>{zoneName(z)}</Link>
                </li>
              ))}
            </ul>
          </>
        ) : list.isPending ? (
          <Spin style={{ display: 'block', margin: 48 }} />
        ) : list.isError ? (
          <ProblemAlert problem={toProblem(list.error, t('app.networkError'))} />
        ) : (
          <article className="publicity-notice">
            <Typography.Title level={1} style={{ fontSize: 24, textAlign: 'center' }}>
              {t('publicity.noticeTitle', {
                zone: language === 'en' ? list.data.zone.name.en : list.data.zone.name.zh,
              })}
            </Typography.Title>
            <Typography.Paragraph>{t('publicity.noticeIntro')}</Typography.Paragraph>
            <Table
              rowKey="reference"
              pagination={false}
              dataSource={list.data.items}
              locale={{ emptyText: <span style={{ color: 'rgba(0,0,0,0.75)' }}>{t('publicity.none')}</span> }}
              columns={[
                { title: t('publicity.reference'), dataIndex: 'reference' },
                {
                  title: t('publicity.program'),
                  key: 'program',
                  render: (_, i) => (language === 'en' ? i.programTitle.en : i.programTitle.zh),
                },
                { title: t('publicity.enterprise'), dataIndex: 'enterpriseName' },
                {
                  title: t('publicity.amount'),
                  key: 'amount',
                  align: 'right',
                  // In figures and in capitals (大写), as a published notice states an amount.
                  render: (_, i) => (
                    <>
                      <div>{formatFen(i.amountFen)}</div>
                      <div style={{ fontSize: 12 }}>人民币{fenToChineseCapital(i.amountFen)}</div>
                    </>
                  ),
                },
                {
                  title: t('publicity.objectionDeadline'),
                  key: 'deadline',
                  render: (_, i) => formatInstant(i.objectionDeadline, language),
                },
              ]}
            />
            <Typography.Paragraph style={{ marginTop: 16 }}>
              {t('publicity.objectionHow')}
            </Typography.Paragraph>
          </article>
        )}
      </main>
    </Layout>
  );
}
