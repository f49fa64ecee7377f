import { ACCOUNT_NO_PATTERN, maskAccountNo, normalizeAccountNo } from './bank-account';

describe('bank account helpers', () => {
  it('normalises typed separators', () => {
    expect(normalizeAccountNo('6222 0210-0112 3456 789')).toBe('6222021001123456789');
  });
  it('masks all but the last four digits', () => {
    expect(maskAccountNo('6222021001123456789')).toBe('**** **** 6789');
  });
  it.each(['123456789', '1'.repeat(30)])('accepts %s', (n) => expect(ACCOUNT_NO_PATTERN.test(n)).toBe(true));
  it.each(['12345678', '1'.repeat(31), '12345678a9', ''])('rejects %s', (n) =>
    expect(ACCOUNT_NO_PATTERN.test(n)).toBe(false),
  );
});
