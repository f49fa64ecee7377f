import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../../lib/auth/use-me';
import { useZoneName } from '../../../lib/zones';
import { EnterpriseTodo } from '../components/enterprise-todo';

/** Each role's home: the enterprise's to-do; a placeholder for the staff and finance consoles. */
export function HomePage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const zoneName = useZoneName();
  if (!me) return null;
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('home.welcome', { name: me.displayName || me.username })}
      </Typography.Title>
      <Typography.Paragraph>
        {t('home.roleIntro', { role: t(`roles.${me.role}`), zone: zoneName(me.zoneCode) || t('app.name') })}
      </Typography.Paragraph>
      {me.role === 'enterprise' && me.enterpriseId ? (
        <EnterpriseTodo enterpriseId={me.enterpriseId} />
      ) : (
        <Card title={t(`home.todo.${me.role}`)} style={{ maxWidth: 640 }}>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t('home.comingSoon')}
          </Typography.Paragraph>
        </Card>
      )}
    </>
  );
}
