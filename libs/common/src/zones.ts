/** The four zones (tenants) Huiqi ships with, from the seed articles; `referenceTag` leads their references (HQNX26000030). */
export const SEED_ZONE_LIST = [
  {
    code: 'ningxiang-htz',
    nameZh: '宁乡高新技术产业园区',
    nameEn: 'Ningxiang High-tech Zone',
    referenceTag: 'NX',
  },
  {
    code: 'xixian-new-area',
    nameZh: '西咸新区（秦创原）',
    nameEn: 'Xixian New Area (Qinchuangyuan)',
    referenceTag: 'XX',
  },
  {
    code: 'changsha-etdz',
    nameZh: '长沙经济技术开发区',
    nameEn: 'Changsha Economic and Technological Development Zone',
    referenceTag: 'CS',
  },
  {
    code: 'guangzhou-science-city',
    nameZh: '广州高新区科学城',
    nameEn: 'Guangzhou High-tech Zone Science City',
    referenceTag: 'GZ',
  },
] as const;

export type SeedZoneCode = (typeof SEED_ZONE_LIST)[number]['code'];
