import type { ReactNode } from 'react';
import type { Area } from '../lib/access';

/** One entry of the console's menu; the role filter comes from ACCESS in lib/access.ts. */
export interface MenuEntry {
  path: string;
  area: Area;
  /** i18n key of the menu text (locales/*.json). */
  labelKey: string;
  icon: ReactNode;
}
