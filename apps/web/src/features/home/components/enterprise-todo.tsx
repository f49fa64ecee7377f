import { Badge, Card, Col, List, Row, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLanguage } from '../../../lib/i18n';
import { formatFen } from '../../../lib/money';
import { localized } from '../../../lib/program-definition';
import { formatInstant } from '../../../lib/time';
import { useCalculatorSummary, useMyApplications, useUnreadCount } from '../api/todo';

const cardTitle = (text: string) => (
  <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
    {text}
  </Typography.Title>
);

/** The enterprise's to-do: offers to confirm, amendments due, unread notices, what it may still get. */
export function EnterpriseTodo({ enterpriseId }: { enterpriseId: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const offers = useMyApplications('offered', true);
  const amending = useMyApplications('amending', true);
  const drafts = useMyApplications('draft', true);
  const unread = useUnreadCount(true);
  const calculator = useCalculatorSummary(enterpriseId);
  const eligible = (calculator.data?.results ?? []).filter((r) => r.eligible).slice(0, 5);

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card title={cardTitle(t('todo.amendments'))}>
          {amending.isPending ? (
            <Spin />
          ) : (
            <List
              dataSource={amending.data?.items ?? []}
              rowKey="id"
              locale={{
                emptyText: <Typography.Text type="secondary">{t('todo.noAmendments')}</Typography.Text>,
              }}
              renderItem={(a) => (
                <List.Item>
                  <Link to={`/applications/${a.id}`}>{a.reference}</Link>
                  <Typography.Text type={a.deadline?.overdue ? 'danger' : undefined}>
                    {a.deadline ? t('todo.amendBy', { at: formatInstant(a.deadline.dueAt, language) }) : ''}
                  </Typography.Text>
                </List.Item>
              )}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={cardTitle(t('todo.offers'))} extra={<Link to="/offers">{t('todo.allOffers')}</Link>}>
          {offers.isPending ? (
            <Spin />
          ) : (
            <List
              dataSource={offers.data?.items ?? []}
              rowKey="id"
              locale={{ emptyText: <Typography.Text type="secondary">{t('todo.noOffers')}</Typography.Text> }}
              renderItem={(a) => (
                <List.Item>
                  <Link to="/offers">{a.reference}</Link>
                  <span>
                    {a.computedAmountFen != null ? formatFen(a.computedAmountFen) : ''}
                    {a.deadline
                      ? ` · ${t('todo.confirmBy', { at: formatInstant(a.deadline.dueAt, language) })}`
                      : ''}
                  </span>
                </List.Item>
              )}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={cardTitle(t('todo.notices'))}>
          <Link to="/notifications">
            <Badge
              count={unread.data ?? 0}
              showZero
              offset={[12, 0]}
              color={unread.data ? '#c41d26' : '#595959'}
            >
              <span>{t('todo.unread', { count: unread.data ?? 0 })}</span>
            </Badge>
          </Link>
          {(drafts.data?.items.length ?? 0) > 0 && (
            <>
              <Typography.Paragraph style={{ marginTop: 16, marginBottom: 4 }}>
                {t('todo.drafts')}
              </Typography.Paragraph>
              <List
                size="small"
                dataSource={drafts.data?.items ?? []}
                rowKey="id"
                renderItem={(a) => (
                  <List.Item>
                    <Link to={`/applications/${a.id}/edit`}>{a.reference}</Link>
                  </List.Item>
                )}
              />
            </>
          )}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card
          title={cardTitle(t('todo.mayGet'))}
          extra={<Link to="/calculator">{t('todo.allPrograms')}</Link>}
        >
          {calculator.isPending ? (
            <Spin />
          ) : (
            <List
              dataSource={eligible}
              rowKey={(r) => `${r.programCode}-${r.subject ?? ''}`}
              locale={{
                emptyText: <Typography.Text type="secondary">{t('todo.nothingYet')}</Typography.Text>,
              }}
              renderItem={(r) => (
                <List.Item>
                  <Link to={`/programs/${encodeURIComponent(r.programCode)}`}>
                    {localized(r.title, language)}
                  </Link>
                  <Typography.Text strong>
                    {r.amountFen != null
                      ? formatFen(r.amountFen)
                      : r.maxAmountFen != null
                        ? t('calculator.upTo', { amount: formatFen(r.maxAmountFen) })
                        : t('calculator.setByReview')}
                  </Typography.Text>
                </List.Item>
              )}
            />
          )}
        </Card>
      </Col>
    </Row>
  );
}
