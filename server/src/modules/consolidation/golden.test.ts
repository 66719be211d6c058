import { describe, expect, it } from 'vitest';
import { chooseValues, type Candidate } from './golden.js';

// The survivorship rules on their own: a person's edit, then the most trusted source, then the
// most recent row, then the value most rows agree on.

const c = (recordId: number, trust: number, at: string, values: Candidate['values']): Candidate => ({ recordId, trust, at, values });

describe('golden record survivorship', () => {
  it('prefers the most trusted source over a more recent one', () => {
    const chosen = chooseValues([c(1, 3, '2026-01-01', { mobile: '13800000001' }), c(2, 2, '2026-06-01', { mobile: '13800000002' })], new Set());
    expect(chosen.get('mobile')).toEqual({ value: '13800000001', recordId: 1 });
  });

  it('among equally trusted sources takes the most recent row', () => {
    const chosen = chooseValues([c(1, 3, '2026-01-01', { post: '经理' }), c(2, 3, '2026-06-01', { post: '总经理' }), c(3, 3, '2026-02-01', { post: '经理' })], new Set());
    expect(chosen.get('post')).toEqual({ value: '总经理', recordId: 2 });
  });

  it('on a tie of trust and time takes the value most rows agree on', () => {
    const at = '2026-03-01';
    const chosen = chooseValues([c(1, 2, at, { education: '21' }), c(2, 2, at, { education: '31' }), c(3, 2, at, { education: '31' })], new Set());
    expect(chosen.get('education')).toEqual({ value: '31', recordId: 2 });
  });

  it('leaves alone a field a person set by hand', () => {
    const chosen = chooseValues([c(1, 4, '2026-06-01', { mobile: '13800000009', post: '主任' })], new Set(['mobile']));
    expect(chosen.has('mobile')).toBe(false);
    expect(chosen.get('post')?.value).toBe('主任');
  });

  it('never chooses an invalid resident ID, and reads one employer however it was written', () => {
    const chosen = chooseValues(
      [
        c(1, 4, '2026-06-01', { residentId: { value: '370302198001011235', valid: false }, employer: { name: '淄川 明德律师事务所', uscc: null, kind: null, industry: null } }),
        c(2, 1, '2026-01-01', { residentId: { value: '370302198001011011', valid: true }, employer: { name: '淄川明德律师事务所', uscc: null, kind: null, industry: null } }),
      ],
      new Set(),
    );
    expect(chosen.get('residentId')).toEqual({ value: { value: '370302198001011011', valid: true }, recordId: 2 });
    // Both rows name one employer: the trusted row's spelling is kept.
    expect(chosen.get('employer')?.recordId).toBe(1);
  });

  it('chooses nothing for a field no row has', () => {
    expect(chooseValues([c(1, 3, '2026-01-01', { name: '张三' })], new Set()).has('mobile')).toBe(false);
  });
});
