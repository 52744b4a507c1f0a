import { readFile } from 'node:fs/promises';
import {
  checkEventInclusion,
  type EventInclusionProof,
  GENESIS_HASH,
  type LogCheckpoint,
  latestLogCheckpoint,
  logKeyId,
  proveEventInclusion,
  type RecordedEvent,
  readHeader,
} from '@pinnstatistik/core';
import type { Command } from 'commander';
import { CliError, EXIT_CODES } from '../cli/cli-error.js';
import { writeLine } from '../cli/cli-io.js';
import { type CommandContext, example } from '../cli/command-context.js';
import { parseLanguage, parseWholeNumber } from '../cli/parse-options.js';
import { readExportTrailer } from '../jsonl/read-export.js';
import { writeTextOutput } from '../output/write-output.js';
import { openSource } from '../sources/open-source.js';
import { loadTrust } from '../verify/trust.js';

type Lang = 'sv' | 'en';

interface ProveOptions {
  from?: string;
  out?: string;
  check?: string;
  publicKey?: string;
  trust?: string;
  lang: string;
}

const PROBLEMS = {
  malformed: { en: 'the proof is malformed', sv: 'beviset är felaktigt uppbyggt' },
  chain: {
    en: "the event's bytes do not give the chain hash it claims",
    sv: 'händelsens byte ger inte den kedjehash beviset anger',
  },
  'stream-tree': {
    en: "the event is not at that revision of its stream's tree",
    sv: 'händelsen finns inte på den revisionen i strömmens träd',
  },
  'log-tree': {
    en: "the stream's root is not in the log tree the checkpoint signed",
    sv: 'strömmens rot finns inte i det loggträd som kontrollpunkten signerade',
  },
  signature: {
    en: 'the checkpoint is not signed by the pinned key',
    sv: 'kontrollpunkten är inte signerad med den fastlåsta nyckeln',
  },
} as const;

async function latestOf(target: string, kind: string, store: Parameters<typeof latestLogCheckpoint>[0]) {
  if (kind === 'file') return (await readExportTrailer(target))?.checkpoint ?? undefined;
  return latestLogCheckpoint(store);
}

async function prove(
  io: CommandContext['io'],
  from: string,
  stream: string,
  revision: number,
  out: string | undefined,
  lang: Lang,
): Promise<void> {
  const source = await openSource(from, { purpose: 'read' });
  try {
    const checkpoint: LogCheckpoint | undefined = await latestOf(from, source.kind, source.store);
    if (checkpoint === undefined)
      throw new CliError(
        `${source.description} holds no signed checkpoint: run pinnstatistik checkpoint first`,
        { sv: { message: 'källan har ingen signerad kontrollpunkt: kör pinnstatistik checkpoint först' } },
      );
    const hashes: Uint8Array[] = [];
    let event: RecordedEvent | undefined;
    for await (const recorded of source.store.readStream(stream)) {
      hashes.push(Uint8Array.from(readHeader(recorded.metadata)?.hash ?? GENESIS_HASH));
      if (recorded.revision === revision) event = recorded;
    }
    if (event === undefined)
      throw new CliError(`${stream} has no revision ${revision} in ${source.description}`, {
        sv: { message: 'källan har ingen händelse med den strömmen och revisionen' },
      });
    let proof: EventInclusionProof;
    try {
      proof = proveEventInclusion(event, hashes, checkpoint);
    } catch (error) {
      throw new CliError(
        `no proof: ${error instanceof Error ? error.message : String(error)} (a later checkpoint may cover it: pinnstatistik checkpoint)`,
        {
          sv: {
            message:
              'inget bevis: den senaste kontrollpunkten omfattar inte händelsen (en senare kontrollpunkt kan göra det: pinnstatistik checkpoint)',
          },
        },
      );
    }
    await writeTextOutput(out, io.stdout, `${JSON.stringify(proof, null, 1)}\n`);
    writeLine(
      io.stderr,
      lang === 'sv'
        ? `bevis för att revision ${revision} av ${stream} finns i loggen som signerades ${checkpoint.time} med nyckel ${checkpoint.keyId}${out === undefined ? '' : `, skrivet till ${out}`}`
        : `proof that revision ${revision} of ${stream} is in the log signed at ${checkpoint.time} by key ${checkpoint.keyId}${out === undefined ? '' : `, written to ${out}`}`,
    );
  } finally {
    await source.close();
  }
}

async function check(
  io: CommandContext['io'],
  file: string,
  options: ProveOptions,
  lang: Lang,
): Promise<number> {
  const trust = await loadTrust(options);
  if (trust.publicKeys.length === 0)
    throw new CliError('--check needs --public-key or --trust (the key to check with)', {
      sv: { message: '--check kräver --public-key eller --trust (nyckeln att kontrollera med)' },
    });
  let proof: EventInclusionProof;
  try {
    proof = JSON.parse(await readFile(file, 'utf8')) as EventInclusionProof;
  } catch {
    throw new CliError(`${file}: not a readable inclusion proof`, {
      sv: { message: '--check: filen är inget läsbart inkluderingsbevis' },
    });
  }
  if (proof?.format !== 'pinnstatistik/inclusion-proof' || typeof proof.checkpoint?.keyId !== 'string')
    throw new CliError(`${file}: not a pinnstatistik inclusion proof`, {
      sv: { message: '--check: filen är inget inkluderingsbevis från pinnstatistik' },
    });
  const key = trust.publicKeys.find((candidate) => logKeyId(candidate) === proof.checkpoint.keyId);
  const problem = key === undefined ? 'signature' : checkEventInclusion(proof, key);
  if (problem !== undefined) {
    writeLine(
      io.stdout,
      lang === 'sv' ? `håller inte: ${PROBLEMS[problem].sv}` : `does not hold: ${PROBLEMS[problem].en}`,
    );
    return EXIT_CODES.notClean;
  }
  const { event, checkpoint } = proof;
  writeLine(
    io.stdout,
    lang === 'sv'
      ? `håller: revision ${event.revision} av ${event.stream} (händelse ${event.id}) finns i loggen som kontrollpunkten från ${checkpoint.time} signerade (rot ${checkpoint.root}, nyckel ${checkpoint.keyId})`
      : `holds: revision ${proof.event.revision} of ${proof.event.stream} (event ${proof.event.id}) is in the log the checkpoint of ${proof.checkpoint.time} signed (root ${proof.checkpoint.root}, key ${proof.checkpoint.keyId})`,
  );
  return EXIT_CODES.ok;
}

/** `pinnstatistik prove <stream> <revision> --from …` and `prove --check proof.json --public-key …`. */
export function registerProve(program: Command, { io, outcome }: CommandContext): void {
  program
    .command('prove')
    .description(
      "an inclusion proof: one event in its stream's Merkle tree, the stream in the log tree, under the latest signed checkpoint — checked later without the log (--check)",
    )
    .argument('[stream]', 'the stream of the event')
    .argument('[revision]', "the event's revision in its stream")
    .option('--from <source>', 'an export file, esdb://…, kurrentdb://… or postgres://…')
    .option('--out <file>', 'write the proof to a file instead of standard output')
    .option('--check <proof>', 'check a proof instead: exit 0 when it holds, 1 when not')
    .option('--public-key <file>', 'with --check: the signing public key (PEM)')
    .option('--trust <file>', 'with --check: a trust file, whose key is used')
    .option('--lang <lang>', 'sv or en', 'en')
    .addHelpText(
      'after',
      example(
        'pinnstatistik prove period-2025-03 1 --from log.jsonl --out proof.json',
        'pinnstatistik prove --check proof.json --public-key operator.pem',
      ),
    )
    .action(async (stream: string | undefined, revision: string | undefined, options: ProveOptions) => {
      const lang = parseLanguage(options.lang);
      if (options.check !== undefined) {
        outcome.exitCode = await check(io, options.check, options, lang);
        return;
      }
      if (stream === undefined || revision === undefined || options.from === undefined)
        throw new CliError('prove needs <stream> <revision> --from <source> (or --check <proof>)', {
          sv: { message: 'prove kräver <ström> <revision> --from <källa> (eller --check <bevis>)' },
        });
      await prove(
        io,
        options.from,
        stream,
        parseWholeNumber('<revision>', revision, 0, 2 ** 31),
        options.out,
        lang,
      );
    });
}
