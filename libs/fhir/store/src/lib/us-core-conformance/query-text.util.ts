import type { ConformanceQuery, QueryValue } from './conformance-query.types';

/** The server base the engine's parser is given: absolute references on it are local ones. */
export const CONFORMANCE_BASE_URL = 'https://connector.example/fhir';

/** `\`, `,`, `$` and `|` are escaped with `\` in a search value. See https://hl7.org/fhir/R4/search.html#escaping */
function escaped(text: string): string {
  return text.replace(/[\\,$|]/g, (character) => `\\${character}`);
}

function valueText(value: QueryValue): string {
  switch (value.type) {
    case 'token':
      return value.system === undefined ? escaped(value.code) : `${escaped(value.system)}|${escaped(value.code)}`;
    case 'reference':
      return value.form === 'id'
        ? escaped(value.id)
        : `${value.form === 'absolute' ? `${CONFORMANCE_BASE_URL}/` : ''}${value.targetType}/${escaped(value.id)}`;
    case 'string':
      return escaped(value.text);
    case 'date':
      return `${value.prefix === 'eq' ? '' : value.prefix}${value.text}`;
  }
}

/** The query as URL-decoded [name, value] pairs, in clause order, as the gateway hands them to the parser. */
export function queryParams(query: ConformanceQuery): [string, string][] {
  const params = query.clauses.map((clause): [string, string] => [
    clause.chain === undefined ? clause.code : `${clause.code}.${clause.chain}`,
    clause.values.map(valueText).join(','),
  ]);
  if (query.revinclude !== undefined) {
    params.push(['_revinclude', query.revinclude]);
  }
  return params;
}

/** `Type?name=value&…`, to name a query in a failure message. */
export function queryText(query: ConformanceQuery): string {
  return `${query.resourceType}?${queryParams(query)
    .map(([name, value]) => `${name}=${value}`)
    .join('&')}`;
}
