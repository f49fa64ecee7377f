import { hashPersonId, maskIdNumber } from './person-id';

describe('person id hashing', () => {
  const secret = 's'.repeat(40);
  it('is stable across case and whitespace, and depends on the secret', () => {
    expect(hashPersonId(' 11010519491231002x ', secret)).toBe(hashPersonId('11010519491231002X', secret));
    expect(hashPersonId('11010519491231002X', secret)).not.toBe(
      hashPersonId('11010519491231002X', 't'.repeat(40)),
    );
    expect(hashPersonId('11010519491231002X', secret)).toMatch(/^[0-9a-f]{64}$/);
  });
  it('masks the middle of an ID number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });
});
