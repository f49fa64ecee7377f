/**
 * Value dates for statement lines in tests: today in Beijing, or a few days later. A line dated before
 * its case was submitted goes to review, so a statement paying a case made by the test must not be dated
 * in the past; computed when called, so a test that runs over midnight stays on or after its cases.
 */
export function bankDate(daysAfterToday = 0): string {
  const day = new Date(Date.now() + daysAfterToday * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(day);
}
