// Validates an OpenAPI document read from stdin with swagger-parser (an ES module, so it runs in its
// own node process rather than inside jest). Prints "valid" or the validation error; exit code says which.
import SwaggerParser from '@apidevtools/swagger-parser';

let input = '';
process.stdin.setEncoding('utf8');
for await (const chunk of process.stdin) input += chunk;
try {
  await SwaggerParser.validate(JSON.parse(input));
  process.stdout.write('valid\n');
} catch (error) {
  process.stdout.write(`${error.message}\n`);
  process.exit(1);
}
