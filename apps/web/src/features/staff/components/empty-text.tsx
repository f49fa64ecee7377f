import { LABEL_COLOR } from '../../../lib/contrast';

/** An empty list's text in a colour that meets WCAG AA on white (antd's empty text does not). */
export function EmptyText({ children }: { children: string }) {
  return <span style={{ color: LABEL_COLOR }}>{children}</span>;
}
