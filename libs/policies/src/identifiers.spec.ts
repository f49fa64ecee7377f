import fc from 'fast-check';

import { isValidResidentIdNumber, isValidUscc, normaliseResidentIdNumber } from './identifiers';

/** Published codes of real enterprises (their check characters come from the registries). */
const REAL_USCC = ['914403001922038216', '9144030071526726XG', '91330100716105852F', '91110000802100433B'];
/** Sample numbers from GB 11643 and public test material. */
const VALID_IDS = ['11010519491231002X', '11010119900307803X'];

describe('isValidUscc', () => {
  it.each(REAL_USCC)('accepts %s', (code) => {
    expect(isValidUscc(code)).toBe(true);
  });

  it.each([
    ['914403001922038217', 'wrong check character'],
    ['91440300192203821', 'too short'],
    ['9144030019220382166', 'too long'],
    ['9144030071526726xg', 'lower case'],
    ['9I4403001922038216', 'I is not in the code set'],
    ['91440300192203821O', 'O is not in the code set'],
    ['91AB00001922038216', 'letters in the division code'],
  ])('rejects %s (%s)', (code) => {
    expect(isValidUscc(code)).toBe(false);
  });

  it('detects any single-character substitution', () => {
    const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    fc.assert(
      fc.property(
        fc.constantFrom(...REAL_USCC),
        fc.nat(17),
        fc.constantFrom(...charset),
        (code, position, replacement) => {
          fc.pre(code[position] !== replacement);
          const mutated = code.slice(0, position) + replacement + code.slice(position + 1);
          return !isValidUscc(mutated);
        },
      ),
    );
  });
});

describe('isValidResidentIdNumber', () => {
  it.each(VALID_IDS)('accepts %s', (id) => {
    expect(isValidResidentIdNumber(id)).toBe(true);
  });

  it('accepts a lower-case check character and normalises it', () => {
    expect(isValidResidentIdNumber('11010519491231002x')).toBe(true);
    expect(normaliseResidentIdNumber(' 11010519491231002x ')).toBe('11010519491231002X');
  });

  it.each<[unknown, string]>([
    ['110105194912310021', 'wrong check character'],
    ['11010519491331002X', 'month 13'],
    ['11010519490230002X', '30 February'],
    ['1101051949123100X', 'too short'],
    ['A1010519491231002X', 'not digits'],
    [110105194912310020, 'not a string'],
  ])('rejects %p (%s)', (id) => {
    expect(isValidResidentIdNumber(id)).toBe(false);
  });

  it('detects any single-digit substitution in the first 17 digits', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...VALID_IDS),
        fc.nat(16),
        fc.integer({ min: 0, max: 9 }),
        (id, position, digit) => {
          fc.pre(id[position] !== String(digit));
          return !isValidResidentIdNumber(id.slice(0, position) + String(digit) + id.slice(position + 1));
        },
      ),
    );
  });
});
