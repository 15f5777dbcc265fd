#!/usr/bin/env node
// Lints every .cypher file in the folders given (default ../../cypher) with Neo4j's own Cypher
// front end. Statements are parameterised, so "Parameter $x is not defined" is expected and dropped;
// any other error fails the run. Warnings (deprecations and the like) are printed but do not fail.
// Every statement is linted as Cypher 5 and as Cypher 25 (the servers we support run either).
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const ERROR = 1;
const undefinedParameter = /^Parameter \$\w+ is not defined\.?$/;
const here = dirname(fileURLToPath(import.meta.url));
const folders = process.argv.length > 2 ? process.argv.slice(2) : [join(here, '..', '..', 'cypher')];

let files = 0;
let errors = 0;
for (const folder of folders.map((f) => resolve(f))) {
  for (const name of readdirSync(folder).filter((n) => n.endsWith('.cypher')).sort()) {
    const path = join(folder, name);
    const text = readFileSync(path, 'utf8');
    files++;
    if (text.trim().length === 0) {
      console.error(`${path}: empty file`);
      errors++;
      continue;
    }
    // one statement at a time, so the version prefix applies to each; line numbers stay those of the file
    let line = 0;
    for (const statement of statements(text)) {
      for (const version of statement.trim().length === 0 ? [] : ['5', '25']) {
        const { diagnostics } = lintCypherQuery(`CYPHER ${version} ${statement}`, {});
        for (const d of diagnostics.filter((x) => !undefinedParameter.test(x.message))) {
          const where = `${path}:${line + d.range.start.line + 1} (Cypher ${version})`;
          if (d.severity === ERROR) {
            errors++;
            console.error(`${where}: error: ${d.message}`);
          } else {
            console.warn(`${where}: warning: ${d.message}`);
          }
        }
      }
      line += statement.split('\n').length;
    }
  }
}

// Splits a script after each line that ends a statement with ';' (comment lines never do).
function statements(text) {
  const result = [];
  let current = [];
  for (const line of text.split('\n')) {
    current.push(line);
    if (!line.trimStart().startsWith('//') && line.trimEnd().endsWith(';')) {
      result.push(current.join('\n'));
      current = [];
    }
  }
  result.push(current.join('\n'));
  return result;
}

if (files === 0) {
  console.error(`no .cypher files in ${folders.join(', ')}`);
  process.exit(1);
}
console.log(`cypher-lint: ${files} files, ${errors} errors`);
process.exit(errors > 0 ? 1 : 0);
