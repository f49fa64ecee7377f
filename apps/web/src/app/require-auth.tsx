import { Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router';
import { canAccess, type Area } from '../lib/access';
import { useToken } from '../lib/auth/session';
import { useMe } from '../lib/auth/use-me';

/** Signed-out visitors go to sign-in and come back to the page they asked for (deep links in emails). */
export function RequireAuth({ children }: { children: ReactNode }) {
  const token = useToken();
  const location = useLocation();
  if (!token) {
    const returnTo = `${location.pathname}${location.search}${location.hash}`;
    const query = returnTo === '/' ? '' : `?returnTo=${encodeURIComponent(returnTo)}`;
    return <Navigate to={`/sign-in${query}`} replace />;
  }
  return <>{children}</>;
}

/** A route of one area of the access map: other roles get the 403 page. */
export function RequireArea({ area, children }: { area: Area; children: ReactNode }) {
  const me = useMe();
  if (me.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (!canAccess(me.data?.role, area)) return <Forbidden />;
  return <>{children}</>;
}

export function Forbidden() {
  const { t } = useTranslation();
  return (
    <Result
      status="403"
      title={<h1 style={{ fontSize: 24, margin: 0 }}>{t('errors.forbiddenTitle')}</h1>}
      subTitle={t('errors.forbidden')}
      extra={<Link to="/">{t('errors.backHome')}</Link>}
    />
  );
}

export function NotFound() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={<h1 style={{ fontSize: 24, margin: 0 }}>{t('errors.notFoundTitle')}</h1>}
      subTitle={t('errors.notFound')}
      extra={<Link to="/">{t('errors.backHome')}</Link>}
    />
  );
}
