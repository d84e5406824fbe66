import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The folder holding package.json, found by walking up from this file: the same answer from
 * `src/shared` (ts-node, jest) and from `dist/src/shared` (the built service), so seeds and
 * templates are found wherever the code runs from.
 */
export function projectRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json found above ${__dirname}`);
    dir = parent;
  }
}
