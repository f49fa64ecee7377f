import { PrinterOutlined } from '@ant-design/icons';
import { fenToChineseCapital } from '@huiqi/common/chinese-amount';
import { Alert, Button, Space, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ProblemAlert } from '../../../components/problem-alert';
import { toProblem } from '../../../lib/api/problem';
import { useLanguage } from '../../../lib/i18n';
import { GRANT_LETTER_STATES } from '../../../lib/grant-letter';
import { formatFen } from '../../../lib/money';
import { formatDate } from '../../../lib/time';
import { useZoneName } from '../../../lib/zones';
import { useCase, useEnterprise, useProgramVersion } from '../api/objections';
import './grant-letter.css';

/**
 * 兑现告知书: the grant decision letter of an approved case, in the layout of an official notice — title,
 * number, addressee, enterprise and USCC, program, amount in figures and in capitals (大写), decision
 * date (Beijing), the zone as issuer. Printing (or `page.pdf()`) gives the letter alone on A4.
 */
export function GrantLetterPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const app = useCase(id);
  const enterprise = useEnterprise(app.data?.enterpriseId);
  const program = useProgramVersion(app.data?.programCode, app.data?.programVersion);
  const zoneName = useZoneName();

  if (app.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (app.isError) return <ProblemAlert problem={toProblem(app.error, t('app.networkError'))} />;
  const c = app.data;
  if (!GRANT_LETTER_STATES.includes(c.state) || c.approvedAmountFen == null || !c.approvedAt)
    return <Alert type="info" showIcon title={t('publicityDesk.letter.notApproved')} />;
  if (enterprise.isPending || program.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  const programTitle = program.data
    ? language === 'en'
      ? program.data.title.en
      : program.data.title.zh
    : '';
  const issuer = zoneName(c.zoneCode);

  return (
    <>
      <Space className="no-print" style={{ marginBottom: 16 }}>
        <Button onClick={() => void navigate(-1)}>{t('publicityDesk.letter.back')}</Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('publicityDesk.letter.print')}
        </Button>
      </Space>
      <article className="grant-letter" aria-labelledby="grant-letter-title">
        <h1 id="grant-letter-title">{t('publicityDesk.letter.title')}</h1>
        <div className="doc-no">{t('publicityDesk.letter.docNo', { reference: c.reference })}</div>
        <div className="rule" />
        <p className="salutation">{t('publicityDesk.letter.salutation', { enterprise: c.enterpriseName })}</p>
        <p>{t('publicityDesk.letter.body', { program: programTitle })}</p>
        <table>
          <tbody>
            <tr>
              <th scope="row">{t('publicityDesk.letter.enterprise')}</th>
              <td>{c.enterpriseName}</td>
            </tr>
            <tr>
              <th scope="row">{t('publicityDesk.letter.uscc')}</th>
              <td data-testid="letter-uscc">{enterprise.data?.uscc ?? '—'}</td>
            </tr>
            <tr>
              <th scope="row">{t('publicityDesk.letter.program')}</th>
              <td>{programTitle}</td>
            </tr>
            <tr>
              <th scope="row">{t('publicityDesk.letter.amountFigures')}</th>
              <td data-testid="letter-amount">{formatFen(c.approvedAmountFen)}</td>
            </tr>
            <tr>
              <th scope="row">{t('publicityDesk.letter.amountCapital')}</th>
              <td data-testid="letter-amount-capital">人民币{fenToChineseCapital(c.approvedAmountFen)}</td>
            </tr>
            <tr>
              <th scope="row">{t('publicityDesk.letter.decisionDate')}</th>
              <td>{formatDate(c.approvedAt, language)}</td>
            </tr>
          </tbody>
        </table>
        <p>{t('publicityDesk.letter.closing')}</p>
        <div className="issuer">
          <div>{t('publicityDesk.letter.issuer', { zone: issuer })}</div>
          <div>{formatDate(c.approvedAt, language)}</div>
        </div>
      </article>
    </>
  );
}
