import { Foundation1795304876095 } from './1795304876095-foundation';
import { Outbox1795305449074 } from './1795305449074-outbox';
import { Applications1795305582630 } from './1795305582630-applications';
import { CatalogAndFacts1795305704099 } from './1795305704099-catalog-and-facts';
import { WorkingCalendars1795305771023 } from './1795305771023-working-calendars';
import { Finance1795305883831 } from './1795305883831-finance';
import { AutoGrantOnce1795306370181 } from './1795306370181-auto-grant-once';
import { FactImportsAndSandbox1795306400000 } from './1795306400000-fact-imports-and-sandbox';
import { AutoGrantSweepsAndInstallmentPlans1795306720000 } from './1795306720000-auto-grant-sweeps-and-installment-plans';
import { Notifications1795306600000 } from './1795306600000-notifications';
import { AutoGrantPerPeriod1795309972694 } from './1795309972694-auto-grant-per-period';
import { StatementImportsInBackground1795310800000 } from './1795310800000-statement-imports-in-background';
import { IdempotencyApplied1795315115064 } from './1795315115064-idempotency-applied';
import { GeneratedColumnsMetadata1795316000000 } from './1795316000000-generated-columns-metadata';
import { ZoneReferences1795320000000 } from './1795320000000-zone-references';
import { UserLanguagePreference1795330000000 } from './1795330000000-user-language-preference';
import { DeclaredFacts1795340000000 } from './1795340000000-declared-facts';
import { StatementMatching1795350000000 } from './1795350000000-statement-matching';
import { StaffInboxAndBulkActions1795360000000 } from './1795360000000-staff-inbox-and-bulk-actions';
import { BankAccountChanges1795370000000 } from './1795370000000-bank-account-changes';
import { AssigneeInboxIndex1795375000000 } from './1795375000000-assignee-inbox-index';
import { ProgramRetirements1795384100000 } from './1795384100000-program-retirements';
import { FactImportXlsx1795385000000 } from './1795385000000-fact-import-xlsx';
import { ObjectionFollowUp1795386000000 } from './1795386000000-objection-follow-up';

/** Every migration in the order it runs, listed (not globbed) so the build stays bundle-safe; `npm run migration:generate` appends. */
export const MIGRATIONS = [
  Foundation1795304876095,
  Outbox1795305449074,
  Applications1795305582630,
  CatalogAndFacts1795305704099,
  WorkingCalendars1795305771023,
  Finance1795305883831,
  AutoGrantOnce1795306370181,
  FactImportsAndSandbox1795306400000,
  AutoGrantSweepsAndInstallmentPlans1795306720000,
  Notifications1795306600000,
  AutoGrantPerPeriod1795309972694,
  StatementImportsInBackground1795310800000,
  IdempotencyApplied1795315115064,
  GeneratedColumnsMetadata1795316000000,
  ZoneReferences1795320000000,
  UserLanguagePreference1795330000000,
  DeclaredFacts1795340000000,
  StatementMatching1795350000000,
  StaffInboxAndBulkActions1795360000000,
  BankAccountChanges1795370000000,
  AssigneeInboxIndex1795375000000,
  ProgramRetirements1795384100000,
  FactImportXlsx1795385000000,
  ObjectionFollowUp1795386000000,
];
