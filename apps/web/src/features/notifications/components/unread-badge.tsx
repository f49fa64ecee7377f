import { BellOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useUnreadCount } from '../api/notifications';

/**
 * The top bar's bell: the inbox link with the unread count. A plain span rather than antd's Badge,
 * which would add its animation code to the entry chunk every page loads.
 */
export function UnreadBadge({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation();
  const unread = useUnreadCount(enabled);
  const count = unread.data ?? 0;
  return (
    <Link
      to="/notifications"
      aria-label={t('notifications.badge', { count })}
      data-testid="unread-badge"
      style={{ position: 'relative', display: 'inline-flex', color: 'rgba(0,0,0,0.75)' }}
    >
      <BellOutlined style={{ fontSize: 18 }} aria-hidden />
      {count > 0 && (
        <span
          aria-hidden
          style={{
            position: 'absolute',
            top: -8,
            insetInlineStart: 10,
            minWidth: 18,
            height: 18,
            padding: '0 5px',
            borderRadius: 9,
            background: '#a8071a',
            color: '#fff',
            fontSize: 12,
            lineHeight: '18px',
            textAlign: 'center',
          }}
        >
          {count > 99 ? '99+' : count}
        </span>
      )}
    </Link>
  );
}
