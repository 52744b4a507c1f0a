/** A JSON value that can be edited in place. */
export type JsonTree = null | boolean | number | string | JsonTree[] | { [key: string]: JsonTree };

const decodeSegment = (segment: string): string => segment.replaceAll('~1', '/').replaceAll('~0', '~');

/**
 * Sets the value at a JSON Pointer (RFC 6901) in a tree, creating the last member (or array
 * element) if it is absent. Returns false when a parent on the way does not exist.
 */
export function setAtPointer(tree: JsonTree, pointer: string, value: JsonTree): boolean {
  const segments = pointer.split('/').slice(1).map(decodeSegment);
  const last = segments.pop();
  if (last === undefined) return false;
  let node: JsonTree | undefined = tree;
  for (const segment of segments) {
    if (Array.isArray(node)) node = node[Number(segment)];
    else if (typeof node === 'object' && node !== null) node = node[segment];
    else return false;
  }
  if (Array.isArray(node)) node[Number(last)] = value;
  else if (typeof node === 'object' && node !== null) node[last] = value;
  else return false;
  return true;
}
