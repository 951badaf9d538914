// Formatting: the machine line and the one result table, as Markdown (pasted into
// docs/benchmarks.md as is).
import os from 'node:os';

export interface Row {
  measure: string;
  value: string;
  baseline: string;
  ratio: string;
  budget: string;
  ok: string;
}

const COLUMNS: [keyof Row, string][] = [
  ['measure', 'measure'],
  ['value', 'value'],
  ['baseline', 'baseline (same run)'],
  ['ratio', 'ratio'],
  ['budget', 'budget'],
  ['ok', 'ok?'],
];

export function markdownTable(rows: Row[]): string {
  const cells = [
    COLUMNS.map(([, title]) => title),
    ...rows.map((row) => COLUMNS.map(([key]) => row[key])),
  ];
  const widths = COLUMNS.map((_, column) =>
    Math.max(3, ...cells.map((line) => [...(line[column] ?? '')].length)),
  );
  const pad = (text: string, width: number) => text + ' '.repeat(width - [...text].length);
  const line = (values: string[]) =>
    `| ${values.map((value, column) => pad(value, widths[column] ?? 3)).join(' | ')} |`;
  const [header, ...body] = cells;
  return [
    line(header ?? []),
    `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`,
    ...body.map(line),
  ].join('\n');
}

export function machineLine(chromiumVersion: string): string {
  const cpus = os.cpus();
  const memoryGiB = (os.totalmem() / 1024 ** 3).toFixed(1);
  return [
    `CPU ${cpus[0]?.model.trim() ?? 'unknown'}, ${cpus.length} cores`,
    `${memoryGiB} GiB RAM`,
    `${os.type()} ${os.release()}`,
    `Node ${process.version}`,
    `Chromium ${chromiumVersion}`,
  ].join(' · ');
}

export const ms = (value: number) => `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;
export const seconds = (value: number) => `${(value / 1000).toFixed(2)} s`;
/** 1 KB = 1,000 bytes here (the stricter reading of the budget). */
export const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
export const yesNo = (ok: boolean) => (ok ? 'yes' : '**NO**');
