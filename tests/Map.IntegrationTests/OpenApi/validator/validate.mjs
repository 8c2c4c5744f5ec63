// Validates an OpenAPI document (path as the first argument) against the OpenAPI 3.0 schema and its rules.
import SwaggerParser from '@apidevtools/swagger-parser';

const path = process.argv[2];
try {
  const api = await SwaggerParser.validate(path);
  console.log(`valid: OpenAPI ${api.openapi}, ${Object.keys(api.paths).length} paths`);
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
