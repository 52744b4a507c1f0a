/**
 * Letters of other scripts drawn as Latin letters (Cyrillic, Greek), so a word a reader reads in
 * Latin is read so by the guard's word rules: `рnr` with a Cyrillic р is `pnr`, `dеc` with a
 * Cyrillic е is `dec`. Each letter of `TWINS` is drawn as the Latin letter at its place in `LATIN`.
 * Read for words only (cue words, month names): the text itself is scanned as written.
 */
const TWINS = 'аеорсухіѕјԁһոАВЕКМНОРСТХІЅЈкмпαεικνορτυΑΒΕΙΚΜΝΟΡΤΥΧϲϹϳ';
const LATIN = 'aeopcyxisjdhnABEKMHOPCTXISJkmnaeikvoptuABEIKMNOPTYXcCj';
const TWIN = new RegExp(`[${TWINS}]`, 'g');
const MARKS = /\p{M}/gu;
const NOT_ASCII = /[\u0080-\uffff]/g;

/** Twins as Latin letters, accents dropped (`Pérsonnummer`): for words where positions do not matter. */
export function asLatin(text: string): string {
  return text
    .normalize('NFD')
    .replace(MARKS, '')
    .replace(TWIN, (letter) => LATIN[TWINS.indexOf(letter)] ?? letter);
}

/**
 * The same, one UTF-16 unit for one, so positions in the text do not move: a twin as its Latin
 * letter, an accented letter as its base letter (`é` as `e`); anything else as it is.
 */
export function asLatinInPlace(text: string): string {
  return text.replace(NOT_ASCII, (character) => {
    const twin = TWINS.indexOf(character);
    if (twin !== -1) return LATIN[twin] ?? character;
    const base = character.normalize('NFD').replace(MARKS, '');
    return base.length === 1 ? base : character;
  });
}
