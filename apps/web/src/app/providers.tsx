import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { setUnauthorizedHandler } from '../lib/api/client';
import { useLanguage } from '../lib/i18n';
import { queryClient, setProblemReporter } from '../lib/query-client';

/** antd's message/notification wired to the global error handler and to the 401 handler. */
function GlobalFeedback() {
  const { notification, message } = AntApp.useApp();
  const { t } = useTranslation();
  useEffect(() => {
    setProblemReporter((problem) =>
      notification.error({
        title: problem.status === 0 ? t('app.networkError') : problem.title,
        description: problem.detail,
      }),
    );
    setUnauthorizedHandler(() => {
      queryClient.clear();
      void message.warning(t('errors.sessionExpired'));
    });
  }, [notification, message, t]);
  return null;
}

export function AppProviders({ children }: { children: ReactNode }) {
  const language = useLanguage();
  return (
    <ConfigProvider
      locale={language === 'en' ? enUS : zhCN}
      button={{ autoInsertSpace: false }}
      // Secondary text darker than antd's default so it meets WCAG AA contrast (axe runs in the browser tests).
      theme={{
        token: {
          colorPrimary: '#c41d26',
          colorLink: '#a8071a',
          colorTextSecondary: '#595959',
          colorTextDescription: '#595959',
          colorTextPlaceholder: '#767676',
          colorError: '#cf1322',
          borderRadius: 6,
        },
      }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <GlobalFeedback />
          {children}
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
