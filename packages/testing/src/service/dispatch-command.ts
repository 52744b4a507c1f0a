import type { CommandService, Refusal } from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';

type Untrusted = never;

/**
 * Hands an untrusted command to the service method for its `type` (the service validates it
 * at run time); anything else goes to `tally`, which refuses it.
 */
export async function dispatchCommand(
  service: CommandService,
  input: unknown,
): Promise<E.Either<Refusal, unknown>> {
  const command = input as Untrusted;
  const { type, ...rest } = (typeof input === 'object' && input !== null ? input : {}) as Record<
    string,
    unknown
  >;
  switch (type) {
    case 'AdoptCatalogue':
      return service.adoptCatalogue(command);
    case 'SealPeriod':
      return service.sealPeriod(command);
    case 'AmendSheet':
      return service.amendSheet(command);
    case 'OpenSeries':
      return service.openSeries(command);
    case 'RecordSession':
      return service.recordSession(command);
    case 'WriteNote':
      return service.writeNote(command);
    case 'ReadNotes':
      return service.readNotes(rest as Untrusted);
    case 'CloseSeries':
      return service.closeSeries(command);
    case 'ExpireSeries':
      return E.right(await service.expireSeries());
    default:
      return service.tally(command);
  }
}
