/**
 * A PostgreSQL array literal for one bound parameter (`= any(?::text[])`, `unnest(?::uuid[], …)`). The ORM
 * expands a JavaScript array into a list of parameters, which neither `any` nor `unnest` accepts.
 */
export function sqlArray(values: readonly (string | number | boolean | null | undefined)[]): string {
  const items = values.map((value) => (value === null || value === undefined ? 'NULL' : `"${String(value).replace(/["\\]/g, (c) => `\\${c}`)}"`));
  return `{${items.join(',')}}`;
}
