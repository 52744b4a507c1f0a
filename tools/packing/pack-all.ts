// `pnpm pack:all [directory]`: the tarballs of every published package (default: packs/).
import { relative } from 'node:path';
import { packPackages, repositoryRoot } from './pack-packages.js';

const destination = process.argv[2] ?? `${repositoryRoot}packs`;
const tarballs = packPackages(destination);
for (const tarball of tarballs) console.log(relative(process.cwd(), tarball));
console.log(
  `${tarballs.length} packages packed; install them together: npm install ${relative(process.cwd(), destination)}/*.tgz`,
);
