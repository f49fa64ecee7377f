import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Resident ID numbers in application forms are stored encrypted (AES-256-GCM), never in the clear. The
 * key is derived with HKDF-SHA256 from ID_HASH_SECRET under its own `info` label, so it is not the key
 * that hashes ID numbers for dedup (that hash stays as it is). A stored value is
 * `enc:v1:<base64 of iv(12) | tag(16) | ciphertext>`.
 */
const PREFIX = 'enc:v1:';
const INFO = 'huiqi/application-form/id-number/aes-256-gcm/v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class IdNumberProtector {
  private readonly key: Buffer;

  constructor(idHashSecret: string) {
    this.key = Buffer.from(hkdfSync('sha256', idHashSecret, Buffer.alloc(0), INFO, 32));
  }

  static isProtected(value: unknown): value is string {
    return typeof value === 'string' && value.startsWith(PREFIX);
  }

  protect(idNumber: string): string {
    if (IdNumberProtector.isProtected(idNumber)) return idNumber;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const sealed = Buffer.concat([cipher.update(idNumber, 'utf8'), cipher.final()]);
    return `${PREFIX}${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64')}`;
  }

  /** The ID number; throws when the value was altered or sealed under another key. */
  reveal(stored: string): string {
    if (!IdNumberProtector.isProtected(stored)) return stored;
    const raw = Buffer.from(stored.slice(PREFIX.length), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
      'utf8',
    );
  }

  /** Every member of `form` named in `fields` sealed (other members unchanged). */
  protectFields(form: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
    return mapFields(form, fields, (v) => this.protect(v));
  }

  revealFields(form: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
    return mapFields(form, fields, (v) => this.reveal(v));
  }

  /** For everyone but the zone's reviewers: only the last four characters, `**************1234`. */
  maskFields(form: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
    return mapFields(form, fields, (v) => maskToLastFour(this.reveal(v)));
  }
}

export function maskToLastFour(idNumber: string): string {
  return idNumber.length <= 4
    ? '*'.repeat(idNumber.length)
    : `${'*'.repeat(idNumber.length - 4)}${idNumber.slice(-4)}`;
}

function mapFields(
  form: Record<string, unknown>,
  fields: readonly string[],
  map: (value: string) => string,
): Record<string, unknown> {
  const out = { ...form };
  for (const name of fields) {
    const value = out[name];
    if (typeof value === 'string') out[name] = map(value);
  }
  return out;
}
