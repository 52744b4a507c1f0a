import { verifyConsistency } from './consistency-proof.js';
import { accountableHolder, type Deletion, revisionRange } from './deleted-stream-record.js';
import { hashFromHexOrUndefined, toHex } from './encoding.js';
import type { LogFinding } from './log-finding.js';
import type { LogLeaf } from './log-tree.js';
import type { Hash } from './merkle-hash.js';

/**
 * A stream a checkpoint covered that is gone: its seal or closing must account for it, with a
 * final root that extends (by a consistency proof) what the checkpoint signed.
 */
export function checkDeletedStream(leaf: LogLeaf, deletion: Deletion | undefined, found: LogFinding[]): void {
  const holder = accountableHolder(leaf.stream);
  const checkpointRoot = toHex(leaf.root);
  if (deletion === undefined || holder === undefined || deletion.holder !== holder) {
    found.push({
      code: 'LOG_STREAM_MISSING',
      stream: leaf.stream,
      revision: 0,
      message: {
        sv: `Strömmen saknas, men en signerad kontrollpunkt omfattar ${leaf.size} händelser i den och ingen försegling eller avslutning redovisar att den raderats.`,
        en: `The stream is missing, but a signed checkpoint covers ${leaf.size} events of it and no seal or closing accounts for its deletion.`,
      },
    });
    return;
  }
  const { record } = deletion;
  const rewritten = (why: { sv: string; en: string }, revision?: number): LogFinding => ({
    code: 'LOG_DELETED_STREAM_REWRITTEN',
    stream: leaf.stream,
    ...(revision === undefined ? { revisions: revisionRange(leaf.size) } : { revision }),
    position: deletion.position,
    message: why,
  });
  if (record.root === undefined) {
    found.push({
      code: 'LOG_DELETED_STREAM_UNPROVEN',
      stream: leaf.stream,
      position: deletion.position,
      message: {
        sv: `Förseglingen i ${deletion.holder} sparar ingen Merkle-rot för strömmen, så det går inte att visa att de ${leaf.size} händelser en kontrollpunkt signerade fanns kvar oförändrade när den raderades.`,
        en: `The seal in ${deletion.holder} keeps no Merkle root of the stream, so it cannot be shown that the ${leaf.size} events a checkpoint signed were unchanged when it was deleted.`,
      },
    });
    return;
  }
  const finalRoot = hashFromHexOrUndefined(record.root);
  if (leaf.size > record.size) {
    found.push(
      rewritten(
        {
          sv: `En kontrollpunkt signerade ${leaf.size} händelser, men förseglingen redovisar bara ${record.size}: strömmen krympte innan den raderades.`,
          en: `A checkpoint signed ${leaf.size} events, but the seal accounts for only ${record.size}: the stream shrank before it was deleted.`,
        },
        record.size,
      ),
    );
    return;
  }
  if (leaf.size === record.size) {
    if (record.root !== checkpointRoot)
      found.push(
        rewritten({
          sv: 'Strömmens rot vid förseglingen är inte den som kontrollpunkten signerade: den skrevs om innan den förseglades.',
          en: 'The root the seal keeps is not the one the checkpoint signed: the stream was rewritten before it was sealed.',
        }),
      );
    return;
  }
  const proof = record.proofs?.find((candidate) => candidate.from === leaf.size);
  if (proof === undefined) {
    found.push({
      code: 'LOG_DELETED_STREAM_UNPROVEN',
      stream: leaf.stream,
      position: deletion.position,
      message: {
        sv: `Förseglingen saknar konsistensbevis från storleken ${leaf.size}, som en kontrollpunkt signerade.`,
        en: `The seal keeps no consistency proof from size ${leaf.size}, which a checkpoint signed.`,
      },
    });
    return;
  }
  const path = proof.path.map(hashFromHexOrUndefined);
  const holds =
    finalRoot !== undefined &&
    path.every((hash) => hash !== undefined) &&
    verifyConsistency(leaf.size, record.size, leaf.root, finalRoot, path as Hash[]);
  if (!holds)
    found.push(
      rewritten({
        sv: `Förseglingens slutliga rot bygger inte vidare på de ${leaf.size} händelser kontrollpunkten signerade: strömmen skrevs om och förseglades sedan.`,
        en: `The seal's final root does not extend the ${leaf.size} events the checkpoint signed: the stream was rewritten, then sealed.`,
      }),
    );
}
