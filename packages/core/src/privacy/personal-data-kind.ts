/** Kinds of personal data the guard recognises in input. */
export type PersonalDataKind = 'personnummer' | 'samordningsnummer' | 'phone-number' | 'email-address';
