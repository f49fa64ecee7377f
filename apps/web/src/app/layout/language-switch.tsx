import { GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { changeLanguage, useLanguage } from '../../lib/i18n';

/** 中文 ⇄ English; the choice is kept in localStorage and sent as Accept-Language on every request. */
export function LanguageSwitch() {
  const language = useLanguage();
  const next = language === 'en' ? 'zh-CN' : 'en';
  return (
    <Button icon={<GlobalOutlined />} lang={next} onClick={() => void changeLanguage(next)}>
      {next === 'en' ? 'English' : '中文'}
    </Button>
  );
}
