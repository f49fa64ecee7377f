import { Alert } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export interface SummaryError {
  /** The id of the input to focus, when the error belongs to a field on this page. */
  targetId?: string;
  message: string;
}

/**
 * GOV.UK's error summary: at the top of the page, focused when it appears, each error a link to
 * its field.
 */
export function ErrorSummary({ errors }: { errors: SummaryError[] }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.length > 0) ref.current?.focus();
  }, [errors]);
  if (errors.length === 0) return null;
  return (
    <div ref={ref} tabIndex={-1} style={{ outline: 'none' }}>
      <Alert
        type="error"
        role="alert"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('wizard.errorSummary')}
        description={
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {errors.map((e, i) => (
              <li key={`${e.targetId ?? ''}-${i}`}>
                {e.targetId ? (
                  <a
                    href={`#${e.targetId}`}
                    onClick={(event) => {
                      event.preventDefault();
                      const target = document.getElementById(e.targetId ?? '');
                      target?.scrollIntoView({ block: 'center' });
                      target?.focus();
                    }}
                  >
                    {e.message}
                  </a>
                ) : (
                  e.message
                )}
              </li>
            ))}
          </ul>
        }
      />
    </div>
  );
}
