import type { BankLayout } from './bank-layouts';

/**
 * Payment file layouts, one per bank import template. Adding a bank is adding an entry here: its
 * columns in order (the header text the bank's template expects and the payee field each holds), and
 * the fields every payee must have for the bank to accept the transfer. Locking a batch refuses payees
 * that lack a required field of the default layout.
 */
export const BANK_LAYOUTS: readonly BankLayout[] = [
  {
    code: 'generic',
    name: { zh: '通用批量代发/对公付款', en: 'Generic bulk payment (批量代发/对公付款)' },
    columns: [
      { header: '序号', field: 'seq' },
      { header: '付款参考号', field: 'paymentReference' },
      { header: '收款人户名', field: 'payeeName' },
      { header: '收款人统一社会信用代码', field: 'payeeUscc' },
      { header: '收款账号', field: 'accountNo' },
      { header: '收款开户行', field: 'bankName' },
      { header: '收款行联行号', field: 'cnapsCode' },
      { header: '金额(元)', field: 'amountYuan' },
      { header: '用途', field: 'purpose' },
    ],
    required: ['payeeName', 'accountNo', 'bankName', 'cnapsCode'],
  },
  {
    code: 'icbc-bulk',
    name: { zh: '工商银行企业网银批量付款', en: 'ICBC corporate bulk payment' },
    columns: [
      { header: '收款账号', field: 'accountNo' },
      { header: '收款户名', field: 'payeeName' },
      { header: '收款行行号', field: 'cnapsCode' },
      { header: '收款行名称', field: 'bankName' },
      { header: '金额', field: 'amountYuan' },
      { header: '用途', field: 'purpose' },
      { header: '备注', field: 'paymentReference' },
    ],
    required: ['payeeName', 'accountNo', 'bankName', 'cnapsCode'],
  },
];

export const DEFAULT_BANK_LAYOUT = 'generic';
