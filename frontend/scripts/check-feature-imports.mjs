// Feature folders may import components/, api/ and lib/, never each other.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname, sep } from 'node:path';

const featuresRoot = resolve('src/features');
const problems = [];

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

for (const file of files(featuresRoot)) {
  const feature = relative(featuresRoot, file).split(sep)[0];
  const source = readFileSync(file, 'utf8');
  for (const match of source.matchAll(/from\s+['"](\.[^'"]+)['"]/g)) {
    const target = resolve(dirname(file), match[1]);
    const inside = relative(featuresRoot, target);
    if (!inside.startsWith('..') && inside.split(sep)[0] !== feature) {
      problems.push(`${relative('.', file)} imports ${match[1]} from another feature`);
    }
  }
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('feature folders import no other feature');
