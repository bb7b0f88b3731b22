import { describe, expect, it } from 'vitest';
import { buildLines, letterSpacing, tokenize } from '../../../src/coverage/layout.js';
import { run } from './helpers.js';

describe('lines and tokens', () => {
  it('groups runs of one baseline band into a line, left to right, CJK and Latin 1 pt apart', () => {
    const lines = buildLines([run('1,234.00', 200, 101), run('行政运行', 50, 100), run('合计', 50, 130)]);
    expect(lines.map((l) => l.text)).toEqual(['行政运行 1,234.00', '合计']);
  });

  it('glues touching runs of one word (digits in another font, Type 3 pieces) and splits on whitespace', () => {
    const toks = tokenize([run('1,2', 100, 0, 10, 13), run('34.', 113, 0, 10, 13), run('00', 126, 0, 10, 11), run('2026 年', 200, 0)]);
    expect(toks.map((t) => t.text)).toEqual(['1,234.00', '2026', '年']);
  });

  it('keeps apart an amount and the text of the next cell printed against it', () => {
    const toks = tokenize([run('0.00', 528, 0, 10, 20), run('重点任务完成情况', 549, 0)]);
    expect(toks.map((t) => t.text)).toEqual(['0.00', '重点任务完成情况']);
  });

  it('keeps apart two whole amounts of narrow columns almost touching', () => {
    const toks = tokenize([run('1,000.00', 100, 0, 10, 40), run('2,000.00', 140.8, 0, 10, 40)]);
    expect(toks.map((t) => t.text)).toEqual(['1,000.00', '2,000.00']);
  });

  it('reads letter-spaced prose as words, not as separate digits', () => {
    const chars = [...'算999.83万元，支出决算'];
    const runs = chars.map((ch, i) => run(ch, 100 + i * 12, 0, 10, 7));
    const pieces = runs.map((r) => ({ text: r.text, x0: r.x0, x1: r.x1, top: r.top, bottom: r.bottom, size: r.size }));
    expect(letterSpacing(pieces)).toBeGreaterThan(5);
    const toks = tokenize(runs);
    expect(toks.map((t) => t.text)).toEqual(['算999.83万元，支出决算']);
  });
});
