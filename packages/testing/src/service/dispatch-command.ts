import type { CommandService, Refusal } from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';

/** Hands an untrusted command to the service method for its `type`; anything else goes to `tally`, which refuses it. */
export async function dispatchCommand(
  service: CommandService,
  input: unknown,
): Promise<E.Either<Refusal, unknown>> {
  const { type, ...rest } = (typeof input === 'object' && input !== null ? input : {}) as Record<
    string,
    unknown
  >;
  switch (type) {
    case 'AdoptCatalogue':
      return service.adoptCatalogue(input);
    case 'SealPeriod':
      return service.sealPeriod(rest.period as string);
    case 'AmendSheet':
      return service.amendSheet(input);
    case 'OpenSeries':
      return service.openSeries(rest);
    case 'RecordSession':
      return service.recordSession(rest);
    case 'WriteNote':
      return service.writeNote(rest);
    case 'ReadNotes':
      return service.readNotes(rest);
    case 'CloseSeries':
      return service.closeSeries(rest);
    case 'ExpireSeries':
      return E.right(await service.expireSeries());
    default:
      return service.tally(input);
  }
}
