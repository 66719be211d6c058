import { describe, expect, it } from 'vitest';
import { SpreadsheetError } from './errors.js';
import { PartFilter } from './xlsx-package.js';

function run(xml: string, chunkSize: number): string {
  const filter = new PartFilter();
  const bytes = Buffer.from(xml, 'utf8');
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) out.push(filter.push(bytes.subarray(i, i + chunkSize)));
  out.push(filter.end());
  return Buffer.concat(out).toString('utf8');
}

describe('PartFilter', () => {
  const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

  it('drops the SpreadsheetML prefix whatever the chunk boundaries', () => {
    const xml = `<?xml version="1.0"?><x:worksheet xmlns:x="${ns}"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>张三 a&gt;b</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>`;
    const expected = `<?xml version="1.0"?><worksheet xmlns:x="${ns}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>张三 a&gt;b</t></is></c></row></sheetData></worksheet>`;
    for (const size of [1, 2, 3, 7, 64, 100_000]) expect(run(xml, size)).toBe(expected);
  });

  it('leaves unprefixed parts and foreign prefixes alone', () => {
    const plain = `<?xml version="1.0"?><worksheet xmlns="${ns}"><sheetData/></worksheet>`;
    expect(run(plain, 5)).toBe(plain);
    const other = '<?xml version="1.0"?><p:doc xmlns:p="urn:other"><p:x/></p:doc>';
    expect(run(other, 3)).toBe(other);
  });

  it('refuses a DOCTYPE even when split across chunks', () => {
    const xml = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>';
    expect(() => run(xml, 4)).toThrow(SpreadsheetError);
  });
});
