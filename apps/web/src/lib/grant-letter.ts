/** States in which a case's grant is decided and its letter (兑现告知书) can be printed. */
export const GRANT_LETTER_STATES: readonly string[] = ['approved', 'disbursing', 'paid'];

export const grantLetterPath = (id: string) => `/applications/${encodeURIComponent(id)}/grant-letter`;
