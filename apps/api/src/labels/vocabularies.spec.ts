import { ROLES } from '@huiqi/common';
import { LINE_OUTCOMES } from '@huiqi/core/finance/statement-lines';
import {
  BENEFICIARIES,
  FACT_KEY_NAMES,
  FACT_SOURCES,
  FORM_FIELD_TYPES,
  GRANT_PERIODS,
  PROGRAM_CATEGORIES,
  PROGRAM_MODES,
  SEED_CATALOG,
} from '@huiqi/policies';
import { ACTION_TYPES, DEADLINE_STAGES, NOTIFICATION_TEMPLATES, WORKFLOW_STATES } from '@huiqi/workflow';
import { QueueName } from '@huiqi/queues';
import { staticLabelGroups } from './vocabularies';

const groups = staticLabelGroups();

describe('GET /labels vocabularies', () => {
  it.each([
    ['applicationState', WORKFLOW_STATES],
    ['workflowAction', Object.keys(ACTION_TYPES)],
    ['stage', [...DEADLINE_STAGES, 'publicity']],
    ['programCategory', PROGRAM_CATEGORIES],
    ['programMode', PROGRAM_MODES],
    ['beneficiary', BENEFICIARIES],
    ['grantPeriod', GRANT_PERIODS],
    ['formFieldType', FORM_FIELD_TYPES],
    ['role', ROLES],
    ['factKey', FACT_KEY_NAMES],
    ['factSource', FACT_SOURCES],
    ['reconciliationOutcome', LINE_OUTCOMES],
    ['notificationKind', [...NOTIFICATION_TEMPLATES, 'deadline-near', 'deadline-passed']],
    ['queue', Object.values(QueueName)],
    ['sweepStatus', ['pending', 'running', 'completed', 'failed']],
    ['deliveryStatus', ['pending', 'retrying', 'sent', 'failed', 'cancelled']],
    ['documentType', SEED_CATALOG.flatMap((p) => p.documents.map((d) => d.type))],
  ])('%s labels every code of its vocabulary', (group, codes) => {
    for (const code of codes) expect(groups[group][code]).toBeDefined();
  });

  it('every label has non-blank Chinese and English, and no unfilled placeholder', () => {
    for (const [group, labels] of Object.entries(groups)) {
      for (const [code, label] of Object.entries(labels)) {
        const where = `${group}.${code}`;
        expect([where, label.zh.trim() !== '', label.en.trim() !== '']).toEqual([where, true, true]);
        expect([where, /[{}]/.test(label.zh + label.en)]).toEqual([where, false]);
        expect([where, /[\u4e00-\u9fff]/.test(label.zh)]).toEqual([where, true]);
      }
    }
  });
});
