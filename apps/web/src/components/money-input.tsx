import { Input } from 'antd';
import { useEffect, useState } from 'react';
import { fenToYuanText, yuanToFen } from '../lib/money';

export interface MoneyInputProps {
  /** Integer fen (what the form holds and the API receives). */
  value?: number | null;
  onChange?: (fen: number | null) => void;
  id?: string;
  disabled?: boolean;
  placeholder?: string;
  'aria-label'?: string;
}

/**
 * An amount typed in yuan (≤ 2 decimals) whose value is integer fen, for antd Form.Item:
 * `<Form.Item name="amountFen" rules={[moneyRule(t)]}><MoneyInput /></Form.Item>`.
 * Text that is not an amount leaves the value NaN so a rule can name it.
 */
export function MoneyInput({ value, onChange, ...rest }: MoneyInputProps) {
  const [text, setText] = useState(value == null || Number.isNaN(value) ? '' : fenToYuanText(value));
  useEffect(() => {
    if (value == null) return;
    if (!Number.isNaN(value) && yuanToFen(text) !== value) setText(fenToYuanText(value));
    // Only an outside change of the value rewrites the text the user is typing.
  }, [value]);
  return (
    <Input
      {...rest}
      prefix="¥"
      inputMode="decimal"
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        const fen = event.target.value.trim() === '' ? null : yuanToFen(event.target.value);
        onChange?.(fen === null && event.target.value.trim() !== '' ? Number.NaN : fen);
      }}
    />
  );
}

/** A Form rule for MoneyInput: rejects text that is not an amount with at most two decimals. */
export function moneyRule(message: string) {
  return {
    validator: (_: unknown, value: number | null | undefined) =>
      value !== undefined && value !== null && Number.isNaN(value)
        ? Promise.reject(new Error(message))
        : Promise.resolve(),
  };
}
