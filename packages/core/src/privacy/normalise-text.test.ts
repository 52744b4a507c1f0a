import { describe, expect, it } from 'vitest';
import { normaliseForScan, normaliseForStorage } from './normalise-text.js';

describe('normalising text before the guard looks', () => {
  it.each([
    ['１９８１１２１８－９８７６', '19811218-9876'],
    ['٨١١٢١٨-٩٨٧٦', '811218-9876'],
    ['8112\u200b18\u00ad-98\u206076', '811218-9876'],
    ['811218\u2013\u00a09876', '811218- 9876'],
    ['&#56;&#x31;\\u0031218%2D9876', '811218-9876'],
    ['&amp;#56;', '8'],
    ['lisa＠exempel.se', 'lisa@exempel.se'],
    ['rad\n\n\tsamtal', 'rad samtal'],
    ['❽❶❶❷❶❽ㅡ⓽⓼⓻⓺', '811218-9876'],
    ['åtta ett ett två ett åtta streck nio åtta sju sex', '811218-9876'],
    ['noll sju noll, ett två tre', '070123'],
    ['八一一二一八', '811218'],
    ['[811218]-[9876]', '[811218-9876]'],
    ['811218 // 9876', '811218-9876'],
    ['barnen är 3, 7 och 12 år', 'barnen är 3, 7 och 12 år'],
  ])('%j is read as %j', (text, read) => {
    expect(normaliseForScan(text)).toBe(read);
  });

  it('what is stored keeps line breaks and escapes as written, but no invisible characters or other digits', () => {
    expect(normaliseForStorage('Samtal\u200b om sömn.\r\nNästa: ٢٠٢٥\u2011٠٤\u2011٠٢ &#56;')).toBe(
      'Samtal om sömn.\nNästa: 2025-04-02 &#56;',
    );
  });
});
