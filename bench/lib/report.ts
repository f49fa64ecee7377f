/** A target is a ratio to the same-run baseline: value/baseline must be ≥ or ≤ `ratio`. */
export interface Target {
  op: '>=' | '<=';
  ratio: number;
}

/** One line of the results table. */
export interface MetricRow {
  benchmark: string;
  metric: string;
  unit: string;
  value: number | null;
  baseline: number | null;
  /** value / baseline */
  ratio: number | null;
  /** As printed: a ratio target (`≤ 10x`) or a plain one (`0`). */
  target: string | null;
  met: boolean | null;
  note?: string;
}

export function row(
  benchmark: string,
  metric: string,
  unit: string,
  value: number | null,
  baseline: number | null = null,
  target: Target | null = null,
  note?: string,
): MetricRow {
  const ratio =
    value !== null && baseline !== null && baseline !== 0 && Number.isFinite(value) ? value / baseline : null;
  const met =
    target === null || ratio === null
      ? null
      : target.op === '>='
        ? ratio >= target.ratio
        : ratio <= target.ratio;
  return {
    benchmark,
    metric,
    unit,
    value,
    baseline,
    ratio,
    target: targetText(target),
    met,
    ...(note ? { note } : {}),
  };
}

/** A row whose target is not a ratio to a baseline (e.g. "a re-run creates nothing"). */
export function verdict(
  benchmark: string,
  metric: string,
  unit: string,
  value: number | null,
  target: string,
  met: boolean | null,
  note?: string,
): MetricRow {
  return {
    benchmark,
    metric,
    unit,
    value,
    baseline: null,
    ratio: null,
    target,
    met,
    ...(note ? { note } : {}),
  };
}

/** A row that says why a benchmark produced no number (e.g. the endpoint has not landed yet). */
export function missing(benchmark: string, metric: string, note: string): MetricRow {
  return row(benchmark, metric, '', null, null, null, note);
}

export const atLeast = (ratio: number): Target => ({ op: '>=', ratio });
export const atMost = (ratio: number): Target => ({ op: '<=', ratio });

function num(v: number | null, unit = ''): string {
  if (v === null || !Number.isFinite(v)) return '—';
  const abs = Math.abs(v);
  const text =
    abs >= 1000
      ? Math.round(v).toLocaleString('en-US')
      : abs >= 100
        ? v.toFixed(0)
        : abs >= 10
          ? v.toFixed(1)
          : abs >= 1
            ? v.toFixed(2)
            : v.toFixed(3);
  return unit ? `${text} ${unit}` : text;
}

function targetText(t: Target | null): string | null {
  return t ? `${t.op === '>=' ? '≥' : '≤'} ${t.ratio}x` : null;
}

function metText(m: boolean | null): string {
  return m === null ? '' : m ? 'yes' : 'NO';
}

/** Display width: CJK and other wide characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60]/.test(ch) ? 2 : 1;
  return w;
}

const pad = (s: string, w: number, right = false) =>
  right ? ' '.repeat(Math.max(0, w - width(s))) + s : s + ' '.repeat(Math.max(0, w - width(s)));

/** The one table: benchmark, metric, value, baseline, ratio, target, met? (notes underneath). */
export function formatTable(rows: readonly MetricRow[]): string {
  const header = ['benchmark', 'metric', 'value', 'baseline', 'ratio', 'target', 'met?'];
  const body = rows.map((r) => [
    r.benchmark,
    r.metric,
    num(r.value, r.unit),
    num(r.baseline, r.baseline === null ? '' : r.unit),
    r.ratio === null ? '' : `${num(r.ratio)}x`,
    r.target ?? '',
    metText(r.met),
  ]);
  const widths = header.map((h, i) => Math.max(width(h), ...body.map((b) => width(b[i]))));
  const numeric = [false, false, true, true, true, false, false];
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i], numeric[i])).join(' │ ');
  const rule = widths.map((w) => '─'.repeat(w)).join('─┼─');
  const out = [line(header), rule];
  let previous = '';
  for (const [i, cells] of body.entries()) {
    if (previous && rows[i].benchmark !== previous) out.push(rule);
    out.push(line(cells));
    previous = rows[i].benchmark;
  }
  const notes = rows.filter((r) => r.note).map((r) => `  ${r.benchmark} / ${r.metric}: ${r.note}`);
  return [...out, ...(notes.length ? ['', 'notes:', ...notes] : [])].join('\n');
}
