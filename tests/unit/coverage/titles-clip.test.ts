import { describe, expect, it } from 'vitest';
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { clipIndex, textStarts } from '../../../src/coverage/clip.js';
import { sameTitle, titleKey } from '../../../src/coverage/titles.js';

describe('table titles', () => {
  it('compares titles without numbering, years and 续 marks', () => {
    expect(titleKey('公开表3-1 一般公共预算支出表（2026年）')).toBe('一般公共预算支出表');
    expect(titleKey('表一、部门收支总表')).toBe('部门收支总表');
    expect(titleKey('2026年度收入预算总表(续)')).toBe('收入预算总表');
    expect(titleKey('（五）项目支出总表')).toBe('项目支出总表');
    expect(titleKey('表22021年部门综合预算收入总表')).toBe('部门综合预算收入总表');
    expect(sameTitle(titleKey('2026年预算单位收入预算总表'), titleKey('收入预算总表'))).toBe(true);
    expect(sameTitle(titleKey('收入总表'), titleKey('支出总表'))).toBe(false);
  });
});

describe('clipped text', () => {
  it('records the clip rectangle in force where each text operator starts', () => {
    const rect = new Float32Array([0, 100, 200, 1, 300, 200, 1, 300, 250, 1, 100, 250, 4]); // moveTo, lineTo ×3, closePath
    const fn = [OPS.save, OPS.clip, OPS.constructPath, OPS.beginText, OPS.setTextMatrix, OPS.showText, OPS.endText, OPS.restore,
      OPS.beginText, OPS.setTextMatrix, OPS.showText, OPS.endText];
    const args: unknown[] = [null, null, [OPS.endPath, [rect], null], null, [new Float32Array([1, 0, 0, 1, 120, 260])], [[]], null, null,
      null, [new Float32Array([1, 0, 0, 1, 50, 50])], [[]], null];
    const starts = textStarts(fn, args);
    expect(starts).toHaveLength(2);
    const clipOf = clipIndex(starts);
    // Drawn above the clip rectangle (y 260 > 250): clipped away.
    expect(clipOf(120, 260)).toEqual([100, 200, 300, 250]);
    // After restore: no clip.
    expect(clipOf(50, 50)).toBeNull();
    // A position no operator starts at, on a line of one: the nearest start before it.
    expect(clipOf(160, 260)).toEqual([100, 200, 300, 250]);
    expect(clipOf(10, 500)).toBeUndefined();
  });
});
