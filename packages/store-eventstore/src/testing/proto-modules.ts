import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as ServerFeaturesGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import type * as ServerFeaturesPb from '@eventstore/db-client/generated/serverfeatures_pb';
import type * as SharedPb from '@eventstore/db-client/generated/shared_pb';
import type * as StatusPb from '@eventstore/db-client/generated/status_pb';
import type * as StreamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb';
import type * as StreamsPb from '@eventstore/db-client/generated/streams_pb';
import type * as AnyPb from 'google-protobuf/google/protobuf/any_pb';
import type * as EmptyPb from 'google-protobuf/google/protobuf/empty_pb';

/** Which client package's generated protocol code the double serves with. */
export type ProtoFlavour = 'eventstore-db-client' | 'kurrentdb-client';

/**
 * The generated gRPC code of one client package. The generated serialisers check `instanceof`
 * against their own package's message classes, so a double must build its responses from the
 * very copy the client under test loads. Both packages generate the same v1 protocol (the
 * KurrentDB copy adds fields), so one set of types describes both.
 */
export interface ProtoModules {
  readonly flavour: ProtoFlavour;
  readonly streamsGrpc: typeof StreamsGrpc;
  readonly streamsPb: typeof StreamsPb;
  readonly sharedPb: typeof SharedPb;
  readonly statusPb: typeof StatusPb;
  readonly featuresGrpc: typeof ServerFeaturesGrpc;
  readonly featuresPb: typeof ServerFeaturesPb;
  readonly anyPb: typeof AnyPb;
  readonly emptyPb: typeof EmptyPb;
}

const packages: Record<ProtoFlavour, { readonly name: string; readonly generated: string }> = {
  'eventstore-db-client': { name: '@eventstore/db-client', generated: 'generated' },
  'kurrentdb-client': { name: '@kurrent/kurrentdb-client', generated: 'generated/kurrentdb/protocols/v1' },
};

const cache = new Map<ProtoFlavour, ProtoModules>();

/** Loads the generated protocol code shipped inside the given client package (resolved as the client resolves it). */
export function loadProtoModules(flavour: ProtoFlavour): ProtoModules {
  const cached = cache.get(flavour);
  if (cached !== undefined) return cached;
  const { name, generated } = packages[flavour];
  const manifest = createRequire(import.meta.url).resolve(`${name}/package.json`);
  const fromClient = createRequire(manifest);
  const load = <T>(file: string): T => fromClient(join(dirname(manifest), generated, file)) as T;
  const modules: ProtoModules = {
    flavour,
    streamsGrpc: load('streams_grpc_pb.js'),
    streamsPb: load('streams_pb.js'),
    sharedPb: load('shared_pb.js'),
    statusPb: load('status_pb.js'),
    featuresGrpc: load('serverfeatures_grpc_pb.js'),
    featuresPb: load('serverfeatures_pb.js'),
    anyPb: fromClient('google-protobuf/google/protobuf/any_pb.js') as typeof AnyPb,
    emptyPb: fromClient('google-protobuf/google/protobuf/empty_pb.js') as typeof EmptyPb,
  };
  cache.set(flavour, modules);
  return modules;
}
