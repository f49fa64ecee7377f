import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * CJK fonts (Noto CJK here) share glyphs between radicals and ideographs, and the PDF's ToUnicode map
 * may name the radical: 人民 comes out as ⼈⺠. NFKC folds the Kangxi radicals (U+2F00 block); the
 * radicals supplement (U+2E80 block) has no decomposition, so its common simplified forms are mapped
 * here to their equivalent ideographs (Unicode's EquivalentUnifiedIdeograph.txt).
 */
const RADICAL_SUPPLEMENT: Record<string, string> = {
  '\u2E8C': '小',
  '\u2E9C': '日',
  '\u2EA0': '民',
  '\u2EA9': '王',
  '\u2EBC': '月',
  '\u2EC4': '西',
  '\u2EC5': '见',
  '\u2EC6': '角',
  '\u2EC9': '贝',
  '\u2ECB': '车',
  '\u2ED3': '长',
  '\u2ED4': '门',
  '\u2ED8': '青',
  '\u2EDA': '页',
  '\u2EDB': '风',
  '\u2EDD': '食',
  '\u2EE2': '马',
  '\u2EE3': '骨',
  '\u2EE4': '鬼',
  '\u2EE5': '鱼',
  '\u2EE6': '鸟',
  '\u2EE8': '麦',
  '\u2EE9': '黄',
  '\u2EEC': '齐',
  '\u2EEE': '齿',
  '\u2EF0': '龙',
  '\u2EF2': '龟',
  '\u2EF3': '龟',
};

/** Text as a reader sees it: compatibility forms folded, radicals as their ideographs, no spaces. */
export function readableText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2E80-\u2EFF]/g, (c) => RADICAL_SUPPLEMENT[c] ?? c)
    .replace(/\s+/g, '');
}

/**
 * The text of a PDF (all pages, `readableText`) and its page count, extracted with pdfjs-dist in a
 * child process.
 */
export async function pdfText(pdf: Buffer): Promise<{ pages: number; text: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'huiqi-pdf-'));
  try {
    const file = join(dir, 'document.pdf');
    await writeFile(file, pdf);
    const { stdout } = await run(process.execPath, [join(__dirname, 'pdf-text.mjs'), file], {
      maxBuffer: 16 * 1024 * 1024,
    });
    const out = JSON.parse(stdout) as { pages: number; text: string };
    return { pages: out.pages, text: readableText(out.text) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
