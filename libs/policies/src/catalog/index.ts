import type { LocalizedText } from '../localized-text';
import { type ProgramDefinition, parseProgramDefinition } from '../program-definition';
import { CHANGSHA_PROGRAMS } from './changsha-etdz';
import { GUANGZHOU_PROGRAMS } from './guangzhou-science-city';
import { NINGXIANG_PROGRAMS } from './ningxiang-htz';
import { XIXIAN_PROGRAMS } from './xixian-new-area';

export interface SeedZone {
  code: string;
  name: LocalizedText;
}

/** The four zones of the seed catalog. */
export const SEED_ZONES: readonly SeedZone[] = [
  { code: 'ningxiang-htz', name: { zh: '宁乡高新技术产业园区', en: 'Ningxiang High-tech Zone' } },
  { code: 'xixian-new-area', name: { zh: '西咸新区', en: 'Xixian New Area' } },
  {
    code: 'changsha-etdz',
    name: { zh: '长沙经济技术开发区', en: 'Changsha Economic and Technological Development Zone' },
  },
  {
    code: 'guangzhou-science-city',
    name: { zh: '广州高新技术产业开发区科学城园区', en: 'Guangzhou High-tech Zone — Science City' },
  },
];

/**
 * Every program of the seed catalog, version 1, parsed (so defaults are applied and the catalog is
 * known to be valid: a malformed entry fails at load time).
 */
export const SEED_CATALOG: readonly ProgramDefinition[] = [
  ...NINGXIANG_PROGRAMS,
  ...XIXIAN_PROGRAMS,
  ...CHANGSHA_PROGRAMS,
  ...GUANGZHOU_PROGRAMS,
].map((raw) => parseProgramDefinition(raw, { requireOptionLabels: true }));

/** The seed program with this code; throws when there is none. */
export function seedProgram(code: string): ProgramDefinition {
  const found = SEED_CATALOG.find((p) => p.code === code);
  if (!found) throw new RangeError(`no seed program "${code}"`);
  return found;
}
