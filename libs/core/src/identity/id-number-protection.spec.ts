import { IdNumberProtector, maskToLastFour } from './id-number-protection';

describe('IdNumberProtector', () => {
  const id = '11010519491231002X';
  const protector = new IdNumberProtector('a-test-secret-that-is-long-enough-123');

  it('seals with a fresh IV each time and reveals the number', () => {
    const a = protector.protect(id);
    const b = protector.protect(id);
    expect(a).toMatch(/^enc:v1:/);
    expect(a).not.toContain(id);
    expect(a).not.toBe(b);
    expect(protector.reveal(a)).toBe(id);
    expect(protector.protect(a)).toBe(a); // never sealed twice
  });

  it('refuses a tampered value and another secret’s key', () => {
    const sealed = protector.protect(id);
    const raw = Buffer.from(sealed.slice(7), 'base64');
    raw[raw.length - 1] ^= 1;
    expect(() => protector.reveal(`enc:v1:${raw.toString('base64')}`)).toThrow();
    expect(() => new IdNumberProtector('another-secret-that-is-long-enough-456').reveal(sealed)).toThrow();
  });

  it('maps only the named fields; masks to the last four', () => {
    const form = { talentName: '张三', idNumber: id, tier: 'leading' };
    const stored = protector.protectFields(form, ['idNumber']);
    expect(stored.talentName).toBe('张三');
    expect(protector.revealFields(stored, ['idNumber'])).toEqual(form);
    expect(protector.maskFields(stored, ['idNumber']).idNumber).toBe('**************002X');
    expect(maskToLastFour('1234')).toBe('****');
  });
});
