import { Alert } from 'antd';
import type { ProblemDocument } from '../lib/api/problem';

/** A problem's title and detail above a form or page (already in the user's language: Accept-Language). */
export function ProblemAlert({ problem }: { problem: ProblemDocument | null | undefined }) {
  if (!problem) return null;
  return (
    <Alert
      type="error"
      role="alert"
      showIcon
      title={problem.title}
      description={problem.detail && problem.detail !== problem.title ? problem.detail : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}
