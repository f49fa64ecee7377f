import { referencesIn } from './references';

describe('referencesIn', () => {
  it('finds the per-zone references and the old global ones inside free text', () => {
    expect(referencesIn('惠企补贴 HQNX26000030P1 退回')).toEqual(['HQNX26000030P1']);
    expect(referencesIn('pbnx26000005;zhgz26000001 / HQ000000018P1 PB00000005 ZH000000001')).toEqual([
      'PBNX26000005',
      'ZHGZ26000001',
      'HQ000000018P1',
      'PB00000005',
      'ZH000000001',
    ]);
    expect(referencesIn('HQEEAB26000012P12 and again HQEEAB26000012P12')).toEqual(['HQEEAB26000012P12']);
  });

  it('finds nothing in text without a reference', () => {
    expect(referencesIn('工资 2026-06 HQ12 PBX')).toEqual([]);
  });
});
