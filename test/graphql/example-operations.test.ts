// The example operations the IDE opens as tabs and the API docs list: each is a valid operation
// of the app's schema, named as its tab is titled, with variables the schema accepts.
import { describe, expect, it } from '@jest/globals';
import { Kind, parse, validate, type OperationDefinitionNode } from 'graphql';
import { getVariableValues } from 'graphql/execution/values.js';
import { buildAppSchema } from '../../src/graphql/schema.js';
import { EXAMPLE_OPERATIONS } from '../../src/server/example-operations.js';

describe('example operations', () => {
  it('are valid against the schema, with accepted variables', async () => {
    const schema = await buildAppSchema();
    expect(EXAMPLE_OPERATIONS.length).toBeGreaterThanOrEqual(5);
    const kinds = new Set<string>();
    for (const example of EXAMPLE_OPERATIONS) {
      const document = parse(example.query);
      expect([example.name, validate(schema, document).map((error) => error.message)]).toEqual([
        example.name,
        [],
      ]);
      const operations = document.definitions.filter(
        (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
      );
      expect(operations.map((operation) => operation.name?.value)).toEqual([example.name]);
      kinds.add(operations[0]!.operation);
      const coerced = getVariableValues(
        schema,
        operations[0]!.variableDefinitions ?? [],
        example.variables ?? {},
      );
      expect([example.name, coerced.errors?.map((error) => error.message)]).toEqual([
        example.name,
        undefined,
      ]);
    }
    expect([...kinds].sort()).toEqual(['mutation', 'query', 'subscription']);
  });
});
