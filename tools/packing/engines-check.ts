import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';

interface LsNode {
  readonly name?: string;
  readonly version?: string;
  readonly path?: string;
  readonly dependencies?: Readonly<Record<string, LsNode>>;
}

function enginesOf(directory: string): string | undefined {
  try {
    return JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')).engines?.node;
  } catch {
    return undefined;
  }
}

/**
 * Every package installed in `project` under the packages named by `prefix` (them included),
 * with the Node range its `engines` field declares when `node` does not satisfy it.
 */
export function packagesRejectingNode(
  project: string,
  node: string,
  prefix = '@pinnstatistik/',
): { readonly checked: number; readonly rejecting: readonly string[] } {
  // npm ls exits non-zero on any problem it sees (an unmet optional peer, say): its JSON still holds the tree.
  const listed = spawnSync('npm', ['ls', '--all', '--json', '--long'], { cwd: project, encoding: 'utf8' });
  const tree = JSON.parse(listed.stdout) as LsNode;
  const seen = new Set<string>();
  const rejecting = new Set<string>();
  const visit = (name: string, entry: LsNode): void => {
    if (entry.path === undefined || seen.has(entry.path)) return;
    seen.add(entry.path);
    const wanted = enginesOf(entry.path);
    if (wanted !== undefined && !semver.satisfies(node, wanted))
      rejecting.add(`${name}@${entry.version} wants node ${wanted}`);
    for (const [childName, child] of Object.entries(entry.dependencies ?? {})) visit(childName, child);
  };
  for (const [name, entry] of Object.entries(tree.dependencies ?? {}))
    if (name.startsWith(prefix)) visit(name, entry);
  return { checked: seen.size, rejecting: [...rejecting].sort() };
}
