/** Audit streams of the finance module (AuditService.append). */
export const fundPoolStream = (poolId: string) => `fund-pool:${poolId}`;
export const disbursementBatchStream = (batchId: string) => `disbursement-batch:${batchId}`;
export const bankStatementStream = (zoneId: string) => `bank-statements:${zoneId}`;
export const clawbackStream = (receivableId: string) => `clawback:${receivableId}`;
