// The bounded label of an operation: its one root field, which the schema bounds, never the
// client's operation name. Metrics label by it (server/metrics.ts), spans are named by it.
import { Kind, type OperationDefinitionNode } from 'graphql';

/** The operation's one root field, or "multiple": a label the schema bounds, whatever is sent. */
export function rootFieldOf(operation: OperationDefinitionNode): string {
  const [first, ...rest] = operation.selectionSet.selections;
  if (first?.kind !== Kind.FIELD) return 'multiple';
  const others = rest.some(
    (selection) => selection.kind !== Kind.FIELD || selection.name.value !== first.name.value,
  );
  return others ? 'multiple' : first.name.value;
}
