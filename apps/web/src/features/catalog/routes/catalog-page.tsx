import { Card, Empty, List, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemAlert } from '../../../components/problem-alert';
import type { components } from '../../../lib/api/client';
import { toProblem } from '../../../lib/api/problem';
import { useLanguage } from '../../../lib/i18n';
import { Label, useLabels } from '../../../lib/labels';
import { localized } from '../../../lib/program-definition';
import { usePrograms } from '../api/programs';

type Program = components['schemas']['ProgramSummaryView'];

/** 政策目录: the programs in force in the zone, by category, each linking to its guide. */
export function CatalogPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const label = useLabels();
  const programs = usePrograms();
  const byCategory = new Map<string, Program[]>();
  for (const p of programs.data ?? []) byCategory.set(p.category, [...(byCategory.get(p.category) ?? []), p]);
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('catalog.title')}
      </Typography.Title>
      {programs.isPending && <Spin style={{ display: 'block', margin: 48 }} />}
      {programs.isError && <ProblemAlert problem={toProblem(programs.error, t('app.networkError'))} />}
      {programs.data?.length === 0 && <Empty description={t('catalog.none')} />}
      {[...byCategory.entries()].map(([category, items]) => (
        <Card
          key={category}
          title={
            <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
              {label('programCategory', category)}
            </Typography.Title>
          }
          style={{ marginBottom: 16 }}
        >
          <List
            dataSource={items}
            rowKey="code"
            renderItem={(p) => (
              <List.Item
                extra={
                  <Tag>
                    <Label group="programMode" code={p.mode} />
                  </Tag>
                }
              >
                <List.Item.Meta
                  title={
                    <Link to={`/programs/${encodeURIComponent(p.code)}`}>{localized(p.title, language)}</Link>
                  }
                  description={localized(p.summary, language)}
                />
              </List.Item>
            )}
          />
        </Card>
      ))}
    </>
  );
}
