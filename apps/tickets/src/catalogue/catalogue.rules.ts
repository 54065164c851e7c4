import type { CategoryAttribute } from '@gov/contracts-tickets';

export type AttributeProblem = { code: 'TICKETS.ATTRIBUTE_REQUIRED' | 'TICKETS.ATTRIBUTE_INVALID'; attribute: string; message: string };

type Value = string | number | string[];

function problemWith(attribute: CategoryAttribute, value: Value): string | null {
  const keys = new Set((attribute.values ?? []).map((v) => v.key));
  switch (attribute.datatype) {
    case 'string':
      return typeof value === 'string' && value.length <= 200 ? null : 'a short text (at most 200 characters)';
    case 'text':
      return typeof value === 'string' ? null : 'a text';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'a number';
    case 'datetime':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value)) && /^\d{4}-\d{2}-\d{2}/.test(value) ? null : 'an ISO 8601 date-time';
    case 'singlevaluelist':
      return typeof value === 'string' && keys.has(value) ? null : `one of ${[...keys].join(', ')}`;
    case 'multivaluelist':
      return Array.isArray(value) && value.length > 0 && value.every((v) => keys.has(v)) ? null : `some of ${[...keys].join(', ')}`;
  }
}

/**
 * Checks a ticket's answers against its category's attributes (as an Open311 service definition does):
 * every required attribute answered, every answer of its datatype, no answer to an attribute not asked.
 */
export function checkAttributes(definition: readonly CategoryAttribute[], values: Record<string, Value>): AttributeProblem[] {
  const problems: AttributeProblem[] = [];
  const known = new Map(definition.map((attribute) => [attribute.code, attribute]));
  for (const attribute of definition) {
    const value = values[attribute.code];
    const empty = value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
    if (empty) {
      if (attribute.required) problems.push({ code: 'TICKETS.ATTRIBUTE_REQUIRED', attribute: attribute.code, message: `${attribute.code} is required` });
      continue;
    }
    const wrong = problemWith(attribute, value);
    if (wrong) problems.push({ code: 'TICKETS.ATTRIBUTE_INVALID', attribute: attribute.code, message: `${attribute.code} must be ${wrong}` });
  }
  for (const code of Object.keys(values)) {
    if (!known.has(code)) problems.push({ code: 'TICKETS.ATTRIBUTE_INVALID', attribute: code, message: `${code} is not asked by this category` });
  }
  return problems;
}
