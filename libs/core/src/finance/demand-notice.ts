import { fenToYuan } from './money';

export interface DemandNoticeInput {
  reference: string;
  zoneName: string;
  enterpriseName: string;
  uscc: string;
  applicationReference: string;
  programTitle: string;
  amountFen: number;
  recoveredFen: number;
  reason: string;
  issuedOn: string;
  dueOn: string;
}

/**
 * The demand notice (追回通知书) sent with a clawback. The enterprise pays back quoting its reference;
 * what it still owes when later grants are paid is offset against them.
 */
export function demandNoticeText(n: DemandNoticeInput): string {
  const outstanding = n.amountFen - n.recoveredFen;
  return [
    '追回通知书',
    `编号：${n.reference}`,
    '',
    `${n.enterpriseName}（统一社会信用代码：${n.uscc}）：`,
    `经查，你单位（申请编号 ${n.applicationReference}）已获拨付的“${n.programTitle}”补助资金应予追回。`,
    `事由：${n.reason}`,
    `应退回金额：人民币 ${fenToYuan(n.amountFen)} 元；已退回 ${fenToYuan(n.recoveredFen)} 元；尚需退回 ${fenToYuan(outstanding)} 元。`,
    `请于 ${n.dueOn} 前将尚需退回的款项转回拨款账户，并在转账附言中注明追回编号 ${n.reference}（可分次退回）。`,
    '未退回的金额将从你单位今后应拨付的补助资金中抵扣。',
    '',
    n.zoneName,
    n.issuedOn,
  ].join('\n');
}
