// Valibot parsing with German error messages. Valibot's own messages are English and name
// schema internals; people (and the device's "braucht Aufmerksamkeit" list) get which field
// was wrong, in German, and nothing of the submitted value.
import * as v from 'valibot';
import { InvalidInputError } from './errors';

export type AnySchema = v.GenericSchema;

export function parseOrThrow<S extends AnySchema>(
  schema: S,
  input: unknown,
  what: string,
): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  if (!result.success) throw new InvalidInputError(describeIssues(result.issues, what));
  return result.output;
}

export function describeIssues(issues: readonly v.BaseIssue<unknown>[], what: string): string {
  const fields = [...new Set(issues.map(fieldOf))];
  if (fields.includes('')) return `${what}: ungültiges Format.`;
  const list = fields.map((field) => `„${field}“`).join(', ');
  const [noun, verb] = fields.length === 1 ? ['das Feld', 'ist'] : ['die Felder', 'sind'];
  return `${what}: ${noun} ${list} ${verb} ungültig.`;
}

/** Dotted path of the offending field, e.g. `weekly.2.opens`; '' for the whole input. */
function fieldOf(issue: v.BaseIssue<unknown>): string {
  return (issue.path ?? [])
    .map((item) => (typeof item.key === 'string' || typeof item.key === 'number' ? item.key : ''))
    .join('.');
}
