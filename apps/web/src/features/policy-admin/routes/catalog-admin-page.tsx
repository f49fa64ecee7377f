import { Space, Spin, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemAlert } from '../../../components/problem-alert';
import { toProblem } from '../../../lib/api/problem';
import { useLanguage } from '../../../lib/i18n';
import { useLabels } from '../../../lib/labels';
import { useProgramCatalog, type CatalogEntry } from '../api/policy-admin';
import { formatDay, InForce, LifecycleTag, PageHeading, textIn, TAG_CURRENT } from '../components/shared';

/** 政策目录管理: every program of the zone with its versions, their states and windows in force. */
export function CatalogAdminPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const label = useLabels();
  const catalog = useProgramCatalog();

  if (catalog.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (catalog.isError) return <ProblemAlert problem={toProblem(catalog.error, t('app.networkError'))} />;

  return (
    <>
      <PageHeading title={t('policy.catalog.title')} intro={t('policy.catalog.intro')} />
      <Table<CatalogEntry>
        rowKey="code"
        dataSource={catalog.data}
        pagination={catalog.data.length > 20 ? { pageSize: 20 } : false}
        columns={[
          {
            title: t('policy.catalog.program'),
            key: 'title',
            render: (_, p) => (
              <Link to={`/policy/programs/${encodeURIComponent(p.code)}`}>{textIn(p.title, language)}</Link>
            ),
          },
          {
            title: t('policy.catalog.category'),
            key: 'category',
            render: (_, p) => label('programCategory', p.category),
          },
          { title: t('policy.catalog.mode'), key: 'mode', render: (_, p) => label('programMode', p.mode) },
          {
            title: t('policy.catalog.versions'),
            key: 'versions',
            render: (_, p) => (
              <Space direction="vertical" size={2}>
                {p.versions.map((v) => (
                  <span key={v.version}>
                    {t('policy.versionNumber', { version: v.version })}{' '}
                    <LifecycleTag lifecycle={v.lifecycle} />
                    {v.current && <Tag color={TAG_CURRENT}>{t('policy.currentTag')}</Tag>}
                  </span>
                ))}
              </Space>
            ),
          },
          {
            title: t('policy.catalog.inForce'),
            key: 'inForce',
            render: (_, p) => {
              const current = p.versions.find((v) => v.current);
              return current ? (
                <InForce from={current.inForceFrom} to={current.inForceTo} />
              ) : (
                t('policy.catalog.noneInForce')
              );
            },
          },
          {
            title: t('policy.catalog.retirement'),
            key: 'retirement',
            render: (_, p) =>
              p.retirement
                ? t('policy.catalog.retiredAfter', { day: formatDay(p.retirement.lastDay, language) })
                : '—',
          },
        ]}
      />
    </>
  );
}
