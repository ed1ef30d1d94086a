// Which input field a request-level GraphQL error is about. Errors raised by our resolvers name
// their field themselves (DomainError, class-validator); the ones GraphQL raises before any
// resolver runs — a variable of the wrong type, an unknown enum value, a missing argument, a
// literal that does not fit its type, a field the schema does not have — only say it in prose.
// This recovers it, with the resolvers' convention: the argument's name, or the field's name
// inside an input object (`riskTolerance`, not `input.riskTolerance`), dotted below that.
import { Kind, parse, visit, type ASTNode, type DocumentNode, type GraphQLError } from 'graphql';

const VARIABLE_VALUE = /^Variable "\$(\w+)" got invalid value .*?(?: at "(\w+(?:(?:\.\w+)|(?:\[\d+\]))*)")?; (.*)$/s;
const VARIABLE_MISSING = /^Variable "\$(\w+)" of (?:required|non-null) type "[^"]+" (?:was not provided|must not be null)\.$/;
const INNER_FIELD = /^Field "(?:\w+\.)?(\w+)" (?:of required type "[^"]+" was not provided|is not defined by type "[^"]+")/;
const ARGUMENT = /argument "(\w+)"|Unknown argument "(\w+)"/;
const SELECTED = /^Cannot query field "(\w+)" on type/;

function documentOf(error: GraphQLError): DocumentNode | null {
  const body = error.source?.body ?? error.nodes?.[0]?.loc?.source.body;
  if (!body) return null;
  try { return parse(body); } catch { return null; }
}

/** Name of the first argument or input field whose value is `$name`. */
function argumentOfVariable(doc: DocumentNode, name: string): string | undefined {
  let found: string | undefined;
  visit(doc, {
    Argument(node) { if (!found && node.value.kind === Kind.VARIABLE && node.value.name.value === name) found = node.name.value; },
    ObjectField(node) { if (!found && node.value.kind === Kind.VARIABLE && node.value.name.value === name) found = node.name.value; },
  });
  return found;
}

/** Path of argument / input-field names enclosing the node that starts at `start`. */
function pathToNode(doc: DocumentNode, start: number, kind: string): string[] | undefined {
  let found: string[] | undefined;
  visit(doc, {
    enter(node: ASTNode, _key, parent, _path, ancestors) {
      if (found || node.kind !== kind || node.loc?.start !== start) return undefined;
      const names: string[] = [];
      // `ancestors` stops before the direct parent, which visit() passes on its own.
      for (const a of [...ancestors, parent, node]) {
        if (!a) continue;
        if (Array.isArray(a)) continue;
        const n = a as ASTNode;
        if (n.kind === Kind.ARGUMENT || n.kind === Kind.OBJECT_FIELD) names.push(n.name.value);
      }
      found = names;
      return false;
    },
  });
  return found;
}

/** Drop the argument name in front of a field inside an input object: `input.riskTolerance` → `riskTolerance`. */
function convention(names: string[]): string | undefined {
  if (names.length === 0) return undefined;
  return (names.length > 1 ? names.slice(1) : names).join('.');
}

export function inputFieldOf(error: GraphQLError): string | undefined {
  const message = error.message;
  const doc = documentOf(error);

  const invalid = VARIABLE_VALUE.exec(message);
  if (invalid) {
    const [, variable, at, reason] = invalid;
    const below = at ? at.split('.').slice(1).join('.') : '';
    const inner = INNER_FIELD.exec(reason)?.[1];
    const path = [below, inner].filter(Boolean).join('.');
    if (path) return path;
    return (doc && argumentOfVariable(doc, variable)) ?? variable;
  }
  const missing = VARIABLE_MISSING.exec(message);
  if (missing) return (doc && argumentOfVariable(doc, missing[1])) ?? missing[1];

  const inner = INNER_FIELD.exec(message);
  if (inner) return inner[1];
  const argument = ARGUMENT.exec(message);
  if (argument) return argument[1] ?? argument[2];
  const selected = SELECTED.exec(message);
  if (selected) return selected[1];

  const node = error.nodes?.[0];
  if (doc && node?.loc) {
    const names = pathToNode(doc, node.loc.start, node.kind);
    if (names) return convention(names);
  }
  return undefined;
}
