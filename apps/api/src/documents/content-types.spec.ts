import { contentMatches, sanitizeFileName } from './content-types';

describe('document content checks', () => {
  it('recognises real signatures and refuses disguised files', () => {
    expect(contentMatches('application/pdf', Buffer.from('%PDF-1.7\n'))).toBe(true);
    expect(contentMatches('application/pdf', Buffer.from('MZ\x90\x00'))).toBe(false);
    expect(contentMatches('image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(
      true,
    );
    expect(contentMatches('image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe(true);
    expect(contentMatches('image/jpeg', Buffer.from('GIF89a'))).toBe(false);
  });

  it.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\Windows\\system32\\evil.pdf', 'evil.pdf'],
    ['营业执照.pdf', '营业执照.pdf'],
    ['a"b<c>.pdf', 'a_b_c_.pdf'],
    ['\u0000\u0001x.pdf', '__x.pdf'],
    ['...', 'document'],
    ['', 'document'],
  ])('sanitises %j to %j', (input, expected) => {
    expect(sanitizeFileName(input)).toBe(expected);
  });

  it('caps the length', () => {
    expect(sanitizeFileName('x'.repeat(500))).toHaveLength(200);
  });
});
