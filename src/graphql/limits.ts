// Bounds on what one GraphQL operation may ask for, checked during validation (before anything
// runs). Aliases let a client repeat a root field any number of times in one request: 7,700
// aliased `recommendations` (a 640 KB body) blocked the event loop for 12 s and logged 7,700
// lists. Nested fields need no bound: the schema has no cycles, and nested lists are paged (≤ 100)
// and batched by the per-request DataLoaders.
import { GraphQLError, Kind, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext } from 'graphql';

/** Most root fields (distinct response keys, fragments expanded) one operation may select. */
export const MAX_ROOT_FIELDS = 200;
/** Tighter bounds for root fields that each embed a text and rank the whole catalog (tens of ms of
 *  CPU each: 200 aliased recommendForNeed blocked the server for 10 s). */
export const MAX_COSTLY_ROOT_FIELDS: Readonly<Record<string, number>> = { recommendForNeed: 20, searchProducts: 20 };

/** Response key → field name of the root selection, as GraphQL will execute it (duplicate keys merge). */
function rootFields(set: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>, seen: Set<string>, out: Map<string, string>): void {
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) out.set(s.alias?.value ?? s.name.value, s.name.value);
    else if (s.kind === Kind.INLINE_FRAGMENT) rootFields(s.selectionSet, fragments, seen, out);
    else {
      const name = s.name.value;
      const fragment = fragments.get(name);
      if (!fragment || seen.has(name)) continue; // a fragment spread twice adds its fields once
      seen.add(name);
      rootFields(fragment.selectionSet, fragments, seen, out);
    }
  }
}

export function maxRootFieldsRule(max = MAX_ROOT_FIELDS) {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(node) {
      const fragments = new Map(context.getDocument().definitions
        .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
        .map((d) => [d.name.value, d]));
      const fields = new Map<string, string>();
      rootFields(node.selectionSet, fragments, new Set(), fields);
      const byName = new Map<string, number>();
      for (const name of fields.values()) byName.set(name, (byName.get(name) ?? 0) + 1);
      for (const [name, count] of byName) {
        const cap = MAX_COSTLY_ROOT_FIELDS[name];
        if (cap !== undefined && count > cap) {
          context.reportError(new GraphQLError(
            `an operation may select ${name} at most ${cap} times (this one selects it ${count} times); split it into several requests`,
            { nodes: node, extensions: { code: 'GRAPHQL_VALIDATION_FAILED', field: name } },
          ));
          return;
        }
      }
      if (fields.size <= max) return;
      // Name the field asked for most often: that is the one to batch differently.
      const field = [...byName.entries()].sort((a, b) => b[1] - a[1])[0][0];
      context.reportError(new GraphQLError(
        `an operation may select at most ${max} root fields (this one selects ${fields.size}, ${byName.get(field)} of them ${field}); split it into several requests`,
        { nodes: node, extensions: { code: 'GRAPHQL_VALIDATION_FAILED', field } },
      ));
    },
  });
}
