// Lint Cypher with Neo4j's parser and semantic analysis (offline).
// Input on stdin: JSON [{"name": ..., "text": ..., "parameters": [...]}].
// Output on stdout: JSON {name: [{severity, message, line, character}, ...]}.
import { lintCypherQuery } from '@neo4j-cypher/language-support';

let input = '';
for await (const chunk of process.stdin) input += chunk;
const out = {};
for (const q of JSON.parse(input)) {
  const parameters = Object.fromEntries(q.parameters.map((p) => [p, null]));
  const { diagnostics } = lintCypherQuery(q.text, { parameters });
  out[q.name] = diagnostics.map((d) => ({
    severity: d.severity,
    message: d.message,
    line: d.range.start.line + 1,
    character: d.range.start.character + 1,
  }));
}
process.stdout.write(JSON.stringify(out));
