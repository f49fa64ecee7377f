import { DeleteOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, DatePicker, Empty, List, Row, Select, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/problem-alert';
import { toProblem, type ProblemDocument } from '../../../lib/api/problem';
import { TAG_INFO } from '../../../lib/contrast';
import { useLanguage } from '../../../lib/i18n';
import { useZones } from '../../../lib/zones';
import { useCalendar, useSaveCalendar } from '../api/admin';
import { PageHeading } from '../components/page-heading';

const WEEKDAYS_ZH = ['日', '一', '二', '三', '四', '五', '六'];
const WEEKDAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Day of the week of a YYYY-MM-DD date (0 = Sunday), computed in UTC so no time zone moves it. */
function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/**
 * 工作日历: the default (national) calendar or a zone's own — the holidays that fall on weekdays and the
 * weekend days that are working days (调休) — listed for one year at a time, edited and saved whole.
 */
export function CalendarsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const zones = useZones();
  const [scope, setScope] = useState('default');
  const calendar = useCalendar(scope);
  const save = useSaveCalendar(scope);
  const [holidays, setHolidays] = useState<string[]>([]);
  const [extra, setExtra] = useState<string[]>([]);
  const [dirty, setDirty] = useState(false);
  const [problem, setProblem] = useState<ProblemDocument | null>(null);
  const [year, setYear] = useState(() => Number(new Date().toISOString().slice(0, 4)));

  useEffect(() => {
    if (calendar.data) {
      setHolidays([...calendar.data.holidays].sort());
      setExtra([...calendar.data.extraWorkdays].sort());
      setDirty(false);
      setProblem(null);
    }
  }, [calendar.data]);

  const years = useMemo(() => {
    const all = new Set<number>([year, Number(new Date().toISOString().slice(0, 4))]);
    for (const d of [...holidays, ...extra]) all.add(Number(d.slice(0, 4)));
    return [...all].sort();
  }, [holidays, extra, year]);

  const weekday = (date: string) =>
    language === 'en' ? WEEKDAYS_EN[weekdayOf(date)] : `周${WEEKDAYS_ZH[weekdayOf(date)]}`;

  const add = (list: 'holidays' | 'extra', day: Dayjs | null) => {
    if (!day) return;
    const date = day.format('YYYY-MM-DD');
    setYear(day.year());
    const set = list === 'holidays' ? setHolidays : setExtra;
    set((current) => (current.includes(date) ? current : [...current, date].sort()));
    setDirty(true);
  };
  const remove = (list: 'holidays' | 'extra', date: string) => {
    const set = list === 'holidays' ? setHolidays : setExtra;
    set((current) => current.filter((d) => d !== date));
    setDirty(true);
  };

  const submit = async () => {
    setProblem(null);
    try {
      await save.mutateAsync({ holidays, extraWorkdays: extra });
      void message.success(t('admin.calendars.saved'));
    } catch (error) {
      setProblem(toProblem(error, t('app.networkError')));
    }
  };

  const column = (list: 'holidays' | 'extra', days: string[], title: string, hint: string) => {
    const ofYear = days.filter((d) => d.startsWith(`${year}-`));
    return (
      <Card
        size="small"
        title={<h2 style={{ fontSize: 16, margin: 0 }}>{title}</h2>}
        extra={<Tag>{t('admin.calendars.count', { n: ofYear.length })}</Tag>}
      >
        <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>
        <DatePicker
          aria-label={t('admin.calendars.addTo', { list: title })}
          placeholder={t('admin.calendars.addTo', { list: title })}
          style={{ width: '100%', marginBottom: 12 }}
          value={null}
          onChange={(d) => add(list, d)}
          disabledDate={(d) => {
            const weekend = d.day() === 0 || d.day() === 6;
            return list === 'holidays' ? weekend : !weekend;
          }}
        />
        {ofYear.length === 0 ? (
          <Empty description={t('admin.calendars.none')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <List
            size="small"
            dataSource={ofYear}
            renderItem={(date) => (
              <List.Item
                actions={[
                  <Button
                    key="remove"
                    type="text"
                    size="small"
                    icon={<DeleteOutlined />}
                    aria-label={t('admin.calendars.remove', { date })}
                    onClick={() => remove(list, date)}
                  />,
                ]}
              >
                {date}（{weekday(date)}）
              </List.Item>
            )}
          />
        )}
      </Card>
    );
  };

  return (
    <>
      <PageHeading title={t('admin.calendars.title')} intro={t('admin.calendars.intro')} />
      <Card style={{ marginBottom: 16 }}>
        <Space wrap>
          <span id="calendar-scope-label">{t('admin.calendars.scope')}</span>
          <Select
            aria-labelledby="calendar-scope-label"
            style={{ width: 260 }}
            value={scope}
            onChange={setScope}
            options={[
              { value: 'default', label: t('admin.calendars.default') },
              ...(zones.data ?? []).map((z) => ({
                value: z.code,
                label: language === 'en' ? z.nameEn : z.nameZh,
              })),
            ]}
          />
          <span id="calendar-year-label">{t('admin.calendars.year')}</span>
          <Select
            aria-labelledby="calendar-year-label"
            style={{ width: 120 }}
            value={year}
            onChange={setYear}
            options={years.map((y) => ({ value: y, label: String(y) }))}
          />
          {calendar.data && !calendar.data.configured && scope !== 'default' && (
            <Tag color={TAG_INFO}>{t('admin.calendars.inherits')}</Tag>
          )}
          <Button type="primary" disabled={!dirty} loading={save.isPending} onClick={() => void submit()}>
            {t('admin.calendars.save')}
          </Button>
        </Space>
      </Card>
      <ProblemAlert problem={problem} />
      <Row gutter={16}>
        <Col xs={24} md={12}>
          {column('holidays', holidays, t('admin.calendars.holidays'), t('admin.calendars.holidaysHint'))}
        </Col>
        <Col xs={24} md={12}>
          {column('extra', extra, t('admin.calendars.extraWorkdays'), t('admin.calendars.extraHint'))}
        </Col>
      </Row>
    </>
  );
}
