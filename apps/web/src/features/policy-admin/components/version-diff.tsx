import { Card, Empty, Form, Select, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProgramVersion, type VersionHistoryItem } from '../api/policy-admin';
import { diffDefinitions, displayValue, type DiffRow } from '../lib/definition-diff';
import { formatFen } from '../../../lib/money';
import { useLabels } from '../../../lib/labels';

const CHANGE_STYLE = {
  removed: { background: '#fff1f0' },
  added: { background: '#f6ffed' },
} as const;

/** Two versions of one program side by side: every field that differs, grouped by what it governs. */
export function VersionDiff({
  code,
  versions,
  initialLeft,
  initialRight,
}: {
  code: string;
  versions: VersionHistoryItem[];
  initialLeft: number | undefined;
  initialRight: number | undefined;
}) {
  const { t } = useTranslation();
  const label = useLabels();
  const [left, setLeft] = useState(initialLeft);
  const [right, setRight] = useState(initialRight);
  const a = useProgramVersion(code, left);
  const b = useProgramVersion(code, right);
  const rows = useMemo(
    () => (a.data && b.data ? diffDefinitions(a.data.definition, b.data.definition) : []),
    [a.data, b.data],
  );
  const options = versions.map((v) => ({
    value: v.version,
    label: `${t('policy.versionNumber', { version: v.version })}（${label('programVersionLifecycle', v.lifecycle)}）`,
  }));
  const value = (path: string, text: string | undefined) =>
    text === undefined ? (
      <Typography.Text type="secondary">{t('policy.diff.absent')}</Typography.Text>
    ) : (
      <code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
        {displayValue(path, text, formatFen)}
      </code>
    );

  return (
    <Card title={t('policy.diff.title')} style={{ marginBottom: 16 }} data-testid="version-diff">
      <Form layout="inline" style={{ marginBottom: 16 }}>
        <Form.Item label={t('policy.diff.left')} htmlFor="diff-left">
          <Select id="diff-left" style={{ width: 200 }} value={left} onChange={setLeft} options={options} />
        </Form.Item>
        <Form.Item label={t('policy.diff.right')} htmlFor="diff-right">
          <Select
            id="diff-right"
            style={{ width: 200 }}
            value={right}
            onChange={setRight}
            options={options}
          />
        </Form.Item>
      </Form>
      {left === undefined || right === undefined ? (
        <Empty description={t('policy.diff.choose')} />
      ) : a.isPending || b.isPending ? null : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>{t('policy.diff.count', { count: rows.length })}</Typography.Text>
          <Table<DiffRow>
            size="small"
            rowKey={(r) => r.path}
            dataSource={rows}
            pagination={rows.length > 50 ? { pageSize: 50 } : false}
            locale={{ emptyText: t('policy.diff.same') }}
            columns={[
              {
                title: t('policy.diff.section'),
                key: 'section',
                width: 110,
                render: (_, r) => t(`policy.diff.sections.${r.section}`),
              },
              {
                title: t('policy.diff.field'),
                dataIndex: 'path',
                key: 'path',
                render: (p: string) => <code>{p}</code>,
              },
              {
                title: t('policy.versionNumber', { version: left }),
                key: 'left',
                onCell: (r) => ({ style: r.change !== 'added' ? CHANGE_STYLE.removed : undefined }),
                render: (_, r) => value(r.path, r.left),
              },
              {
                title: t('policy.versionNumber', { version: right }),
                key: 'right',
                onCell: (r) => ({ style: r.change !== 'removed' ? CHANGE_STYLE.added : undefined }),
                render: (_, r) => value(r.path, r.right),
              },
            ]}
          />
        </Space>
      )}
    </Card>
  );
}
