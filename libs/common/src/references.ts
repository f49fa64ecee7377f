/** Candidate Huiqi references (payment, clawback, batch, case) inside free text such as a bank's 摘要. */
export const REFERENCE_IN_TEXT = /(?:HQ|ZH|PB)(?:[A-Z]{2,4}\d{2})?\d{6,12}(?:P\d{1,3})?/g;
export function referencesIn(text: string): string[] {
  return [...new Set(text.toUpperCase().match(REFERENCE_IN_TEXT) ?? [])];
}
