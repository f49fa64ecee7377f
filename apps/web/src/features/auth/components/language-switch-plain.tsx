import { GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { changeLanguage, useLanguage } from '../../../lib/i18n';

/** The language switch of the signed-out pages. */
export function LanguageSwitchPlain() {
  const language = useLanguage();
  const next = language === 'en' ? 'zh-CN' : 'en';
  return (
    <Button type="text" icon={<GlobalOutlined />} lang={next} onClick={() => void changeLanguage(next)}>
      {next === 'en' ? 'English' : '中文'}
    </Button>
  );
}
