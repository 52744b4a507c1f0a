/**
 * The statistics fold's revision: raise it whenever a release changes what the fold counts
 * (which seals, amendments or details it takes) or the shape of its snapshot, so a checkpoint an
 * earlier release saved is folded again rather than restored.
 */
export const STATISTICS_FOLD_REVISION = 2;

/**
 * The statistics projection's version: the fold's revision and the options that change its state
 * — which seals it folds (`proven` or `digest-only`), the ciphers it lists (the first seals its
 * checkpoints' open months; one missing on restore would drop them) and, when it folds every
 * catalogue version (`catalogues=any`), that: such a checkpoint may hold a forged version. A checkpoint made under any
 * other is not restored (attack 33: a `digest-only` checkpoint published a forged month to a
 * `proven` reader). Each cipher's name is percent-encoded, so no list can spell another's (a name
 * holding a comma would read as two); the names the envelope knows are spelled as they are.
 */
export const statisticsProjectionVersion = (options: {
  readonly seals: 'proven' | 'digest-only';
  readonly ciphers: readonly string[];
  readonly catalogueVersions?: 'vouched' | 'any';
}): string =>
  `statistics/${STATISTICS_FOLD_REVISION};seals=${options.seals};ciphers=${options.ciphers.map(encodeURIComponent).join(',')}${
    options.catalogueVersions === 'any' ? ';catalogues=any' : ''
  }`;
