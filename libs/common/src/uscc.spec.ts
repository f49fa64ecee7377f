import { checkUscc, usccCheckCharacter } from './uscc';

// Codes published on national enterprise credit records of well-known companies.
const REAL_CODES = [
  '91110108551385082Q', // Xiaomi Technology (Beijing)
  '914403001922038216', // Huawei Technologies (Shenzhen)
  '9144030071526726XG', // Tencent Technology (Shenzhen)
  '91330100716105852F', // Alibaba (China) Co.
  '91350100M000100Y43', // the worked example of GB 32100-2015
];

describe('USCC (GB 32100-2015)', () => {
  it.each(REAL_CODES)('accepts the real code %s', (code) => {
    expect(checkUscc(code)).toEqual({ valid: true, normalized: code });
  });

  it('normalises case and surrounding spaces', () => {
    expect(checkUscc(' 91110108551385082q ')).toEqual({ valid: true, normalized: '91110108551385082Q' });
  });

  it.each(REAL_CODES)('rejects every single-character substitution of %s', (code) => {
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    for (let i = 0; i < 18; i++) {
      for (const ch of alphabet) {
        if (ch === code[i]) continue;
        const corrupted = code.slice(0, i) + ch + code.slice(i + 1);
        expect(checkUscc(corrupted).valid).toBe(false);
      }
    }
  });

  it.each(REAL_CODES)('rejects adjacent transpositions of %s', (code) => {
    for (let i = 0; i < 17; i++) {
      if (code[i] === code[i + 1]) continue;
      const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
      expect(checkUscc(swapped).valid).toBe(false);
    }
  });

  it.each([
    ['', 'length'],
    ['91110108551385082', 'length'],
    ['91110108551385082QQ', 'length'],
    ['91110108551385082I', 'charset'],
    ['9111010855138508OQ', 'charset'],
    ['91110108551385S82Q', 'charset'],
    ['91110108551385V82Q', 'charset'],
    ['9111010855138Z082Q', 'charset'],
    ['91110108551385082-', 'charset'],
    ['91A10108551385082Q', 'division'],
    ['91110108551385082A', 'check'],
    ['９１110108551385082Q', 'charset'], // full-width digits
  ])('rejects %j as %s', (input, problem) => {
    expect(checkUscc(input)).toMatchObject({ valid: false, problem });
  });

  it('computes 0 when the weighted sum is a multiple of 31', () => {
    // Search the first 17 characters for a sum ≡ 0 (mod 31): the check character must be '0'.
    const base = '9111010855138508';
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    const hit = [...alphabet].map((c) => base + c).find((p) => usccCheckCharacter(p) === '0');
    expect(hit).toBeDefined();
    expect(checkUscc(`${hit}0`).valid).toBe(true);
  });
});
