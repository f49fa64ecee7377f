/**
 * A bank account number as people read it on screen: the last four digits only, like the API's masked
 * lists (`**** **** 1234`). The enterprise's own view carries the full number; the screen still masks it.
 */
export function maskAccountNo(accountNo: string): string {
  const digits = accountNo.replace(/\D/g, '');
  return digits.length <= 4 ? accountNo : `**** **** ${digits.slice(-4)}`;
}

/** Tag colours of a bank account change's state, dark enough on their background for WCAG AA contrast. */
export const CHANGE_STATE_STYLE = {
  pending: { color: '#874d00', background: '#fffbe6', borderColor: '#ffe58f' },
  verified: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
  refused: { color: '#820014', background: '#fff1f0', borderColor: '#ffa39e' },
  superseded: { color: '#434343', background: '#fafafa', borderColor: '#d9d9d9' },
} as const;
