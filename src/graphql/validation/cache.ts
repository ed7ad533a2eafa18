// The query limits and the NUL check of a document, decided once per document text: the shape
// (depth, aliases, directives, fields, repeats), the document's string literals and the
// analysis of which variables the cost reads are the document's own; per request, only the
// variables are looked at (coerced as execution will, then the cost looked up by the values of
// the variables it reads, e.g. `first: $n`). The decisions are those of `queryLimitErrors` +
// `nulCharacterErrors`, computed without the cache for texts too long to remember.
import {
  GraphQLError,
  isInterfaceType,
  isObjectType,
  Kind,
  visit,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
  type ValueNode,
} from 'graphql';
import { getVariableValues } from 'graphql/execution/values.js';
import { measureComplexity } from './complexity.js';
import { queryTooComplex, resolveLimits, type QueryLimits } from './limits.js';
import { queryLimitErrors } from './plugin.js';
import { shapeRules } from './rules.js';
import { containsNul, nulCharacterErrors, NUL_ERROR } from './text.js';

/** Documents remembered (least recently used dropped first) and the longest text remembered. */
const MAX_DOCUMENTS = 500;
const MAX_TEXT = 20_000;
/** Costs remembered per document (by the values of the variables the cost reads). */
const MAX_COSTS_PER_DOCUMENT = 64;

/** Arguments connectionEstimator reads: the page size. */
const PAGE_SIZE_ARGUMENTS = new Set(['first', 'last']);

interface DocumentEntry {
  /** The first shape error, or null. */
  shape: GraphQLError | null;
  /** Whether a string literal of the document holds a NUL character. */
  nulLiteral: boolean;
  operations: OperationEntry[];
}

interface OperationEntry {
  operation: OperationDefinitionNode;
  /** Variables whose values the cost depends on; null: all of them. */
  costVariables: string[] | null;
  /** Cost decision by the JSON of those variables' coerced values: the error, or null. */
  costs: Map<string, GraphQLError | null>;
}

function variablesIn(value: ValueNode, into: Set<string>): void {
  if (value.kind === Kind.VARIABLE) into.add(value.name.value);
  else if (value.kind === Kind.LIST) value.values.forEach((item) => variablesIn(item, into));
  else if (value.kind === Kind.OBJECT) value.fields.forEach((field) => variablesIn(field.value, into));
}

/** Whether any field of the schema declares its own cost (fieldExtensionsEstimator may read any argument). */
function hasFieldComplexity(schema: GraphQLSchema): boolean {
  return Object.values(schema.getTypeMap()).some(
    (type) =>
      (isObjectType(type) || isInterfaceType(type)) &&
      Object.values(type.getFields()).some((field) => field.extensions.complexity !== undefined),
  );
}

export class QueryLimitsCache {
  private readonly documents = new Map<string, DocumentEntry>();
  private readonly rules: ValidationRule[];
  private readonly maxComplexity: number;
  private readonly anyArgumentCosts: boolean;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly limits: Partial<QueryLimits>,
  ) {
    this.rules = shapeRules(limits);
    this.maxComplexity = resolveLimits(limits).maxComplexity;
    this.anyArgumentCosts = hasFieldComplexity(schema);
  }

  /**
   * `queryLimitErrors` then `nulCharacterErrors` for `document` parsed from `source` (the
   * cache key; without it, or for a long text, nothing is remembered).
   */
  errors(
    source: string | undefined,
    document: DocumentNode,
    variables: Record<string, unknown> | null | undefined,
    operationName: string | null | undefined,
  ): GraphQLError[] {
    if (source === undefined || source.length > MAX_TEXT) {
      const limits = queryLimitErrors(
        this.schema,
        document,
        variables,
        operationName,
        this.limits,
        this.rules,
      );
      return limits.length ? limits : nulCharacterErrors(document, variables);
    }
    const entry = this.entry(`${operationName ?? ''}\u0000${source}`, document, operationName);
    if (entry.shape) return [entry.shape];
    for (const operation of entry.operations) {
      const error = this.costError(operation, document, variables);
      if (error) return [error];
    }
    return entry.nulLiteral || containsNul(variables) ? [NUL_ERROR()] : [];
  }

  /** Entries held (for tests). */
  get size(): number {
    return this.documents.size;
  }

  private entry(
    key: string,
    document: DocumentNode,
    operationName: string | null | undefined,
  ): DocumentEntry {
    const known = this.documents.get(key);
    if (known) {
      // Most recently used last: the oldest is the first to go.
      this.documents.delete(key);
      this.documents.set(key, known);
      return known;
    }
    const [shape] = this.rules.length ? validate(this.schema, document, this.rules) : [];
    let nulLiteral = false;
    visit(document, {
      StringValue(node) {
        if (node.value.includes('\u0000')) nulLiteral = true;
      },
    });
    const entry: DocumentEntry = {
      shape: shape ?? null,
      nulLiteral,
      operations: shape ? [] : this.operationsOf(document, operationName),
    };
    if (this.documents.size >= MAX_DOCUMENTS) this.documents.delete(this.documents.keys().next().value!);
    this.documents.set(key, entry);
    return entry;
  }

  private operationsOf(document: DocumentNode, operationName: string | null | undefined): OperationEntry[] {
    // Page sizes and @include/@skip conditions anywhere in the document (fragments included):
    // a superset of what the selected operation's cost reads.
    const read = new Set<string>();
    visit(document, {
      Argument(node) {
        if (PAGE_SIZE_ARGUMENTS.has(node.name.value)) variablesIn(node.value, read);
      },
      Directive(node) {
        for (const argument of node.arguments ?? []) variablesIn(argument.value, read);
      },
    });
    return document.definitions
      .filter(
        (definition): definition is OperationDefinitionNode =>
          definition.kind === Kind.OPERATION_DEFINITION &&
          (operationName == null || definition.name?.value === operationName),
      )
      .map((operation) => ({
        operation,
        costVariables: this.anyArgumentCosts
          ? null
          : (operation.variableDefinitions ?? [])
              .map((definition) => definition.variable.name.value)
              .filter((name) => read.has(name)),
        costs: new Map(),
      }));
  }

  /** As complexity.ts decides for one operation: no decision when the variables do not fit it. */
  private costError(
    entry: OperationEntry,
    document: DocumentNode,
    variables: Record<string, unknown> | null | undefined,
  ): GraphQLError | null {
    const definitions = entry.operation.variableDefinitions ?? [];
    let key = '';
    if (definitions.length) {
      const coerced = getVariableValues(this.schema, definitions, variables ?? {}, { maxErrors: 1 });
      // Execution refuses these variables before running anything: no cost to estimate.
      if (coerced.errors) return null;
      const values = coerced.coerced;
      key = JSON.stringify(
        entry.costVariables
          ? Object.fromEntries(entry.costVariables.map((name) => [name, values[name]]))
          : values,
      );
    }
    if (entry.costs.has(key)) return entry.costs.get(key)!;
    let error: GraphQLError | null = null;
    try {
      const cost = measureComplexity(
        this.schema,
        document,
        variables,
        entry.operation.name?.value,
        this.limits,
      );
      if (cost !== undefined && cost > this.maxComplexity)
        error = queryTooComplex('cost', cost, this.maxComplexity);
    } catch (caught) {
      if (!(caught instanceof GraphQLError)) throw caught;
      error = caught;
    }
    if (entry.costs.size >= MAX_COSTS_PER_DOCUMENT) entry.costs.clear();
    entry.costs.set(key, error);
    return error;
  }
}
