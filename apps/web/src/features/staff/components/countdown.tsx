import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { components } from '../../../lib/api/client';
import { TAG_DANGER } from '../../../lib/contrast';
import { useLanguage } from '../../../lib/i18n';
import { formatInstant } from '../../../lib/time';

type Deadline = components['schemas']['DeadlineView'];

/**
 * A stage deadline as working days left in the zone's calendar ("剩 3 个工作日", "今日到期",
 * "已逾期 2 个工作日"), red when overdue; the due time (Beijing) is its title.
 */
export function Countdown({ deadline }: { deadline: Deadline | null | undefined }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (!deadline) return <Typography.Text type="secondary">—</Typography.Text>;
  const days = deadline.workingDaysLeft;
  const text =
    days === undefined
      ? deadline.overdue
        ? t('staff.countdown.overdue')
        : formatInstant(deadline.dueAt, language)
      : days > 0 && !deadline.overdue
        ? t('staff.countdown.left', { count: days })
        : days === 0 && !deadline.overdue
          ? t('staff.countdown.today')
          : t('staff.countdown.overdueBy', { count: Math.max(1, -days) });
  return (
    <span
      title={t('staff.countdown.dueAt', { at: formatInstant(deadline.dueAt, language) })}
      style={deadline.overdue ? { color: TAG_DANGER, fontWeight: 600 } : undefined}
      data-overdue={deadline.overdue ? 'true' : undefined}
    >
      {text}
    </span>
  );
}
