/** Document content types accepted when a program does not list its own, with their magic numbers. */
export const DEFAULT_DOCUMENT_CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];

const SIGNATURES: Record<string, (head: Buffer) => boolean> = {
  'application/pdf': (h) => h.subarray(0, 5).toString('latin1') === '%PDF-',
  'image/jpeg': (h) => h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff,
  'image/png': (h) => h.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'application/zip': (h) => h[0] === 0x50 && h[1] === 0x4b,
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': (h) =>
    h[0] === 0x50 && h[1] === 0x4b,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': (h) => h[0] === 0x50 && h[1] === 0x4b,
};

/** True when the file's first bytes look like the declared type (a renamed executable is not a PDF). */
export function contentMatches(contentType: string, head: Buffer): boolean {
  const check = SIGNATURES[contentType];
  return check ? check(head) : true;
}

/** Keeps a display name safe to store and to send back in Content-Disposition. */
export function sanitizeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base
    // eslint-disable-next-line no-control-regex -- control characters are exactly what we strip
    .replace(/[\u0000-\u001f\u007f"<>|*?:]/g, '_')
    .replace(/^\.+/, '')
    .trim();
  return (clean || 'document').slice(0, 200);
}
