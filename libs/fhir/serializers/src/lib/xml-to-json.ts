import { LosslessNumber, stringify } from 'lossless-json';
import { FhirError } from '@connector/fhir-outcomes';
import { FHIR_NAMESPACE } from './json-to-xml';
import { isResourceType, type Member, type TypeTable, typeTable } from './r4-element-table';
import { XHTML_NAMESPACE } from './xhtml-narrative.util';
import {
  assertBlank,
  elementNodes,
  nodeAttributes,
  nodeChildren,
  nodeName,
  parseXmlDocument,
  TEXT,
  type XmlAttributes,
  type XmlNode,
} from './xml-document.util';
import { assertKnownReferences, decodeXmlText } from './xml-text.util';

type JsonObject = Record<string, unknown>;
interface PrimitiveColumn {
  values: unknown[];
  extensions: unknown[];
}

/**
 * A FHIR R4 XML resource as JSON text: `value` attributes become typed JSON primitives (decimals written with their
 * exact XML text), id/extension of primitives go to `_name` (arrays aligned with `null`), inline resources get their
 * `resourceType`, the narrative div becomes its XHTML source string. Throws a 400 FhirError on malformed XML, DOCTYPE
 * or entity declarations, a root that is not an R4 resource in the FHIR namespace, and unknown or empty elements.
 * See https://hl7.org/fhir/R4/json.html and https://hl7.org/fhir/R4/xml.html
 */
export function xmlToJson(xml: string): string {
  const roots = elementNodes(parseXmlDocument(xml), 'document');
  if (roots.length !== 1) {
    throw FhirError.badRequest('XML document must have exactly one root element');
  }
  const [root] = roots;
  const name = nodeName(root);
  if (nodeAttributes(root)['xmlns'] !== FHIR_NAMESPACE) {
    throw FhirError.badRequest(`Root element ${name} is not in the FHIR namespace ${FHIR_NAMESPACE}`);
  }
  return stringify(resource(root, name)) as string;
}

function resource(node: XmlNode, name: string): JsonObject {
  if (!isResourceType(name)) {
    throw FhirError.badRequest(`${name} is not an R4 resource type`);
  }
  assertOnly(nodeAttributes(node), [], name);
  const out: JsonObject = { resourceType: name };
  fill(out, nodeChildren(node, name), typeTable(name), name);
  return out;
}

/** Adds every child element of a node to `out`, following the member table of the node's type. */
function fill(out: JsonObject, children: readonly XmlNode[], table: TypeTable, where: string): void {
  const columns = new Map<Member, PrimitiveColumn>();
  for (const child of children) {
    const name = nodeName(child);
    if (name === TEXT) {
      assertBlank(child[TEXT], where);
      continue;
    }
    const member = table.byName.get(name);
    if (!member || member.attribute) {
      throw FhirError.badRequest(`Unknown element ${where}.${name}`);
    }
    const path = `${where}.${name}`;
    if (member.kind === 'primitive') {
      addPrimitive(out, member, child, path, columns);
    } else {
      add(out, member, memberValue(member, child, path), path);
    }
  }
  for (const [member, column] of columns) {
    if (column.values.every((value) => value === null)) {
      delete out[member.name];
    }
    if (column.extensions.some((extension) => extension !== null)) {
      out[`_${member.name}`] = column.extensions;
    }
  }
}

function memberValue(member: Member, node: XmlNode, path: string): unknown {
  switch (member.kind) {
    case 'complex':
      return complex(node, member.name, typeTable(member.type), path, []);
    case 'resource':
      return wrappedResource(node, member.name, path);
    case 'xhtml':
      return xhtml(node);
    case 'primitive':
      throw new Error('primitives are added by addPrimitive');
  }
}

function add(out: JsonObject, member: Member, value: unknown, path: string): void {
  if (!member.array) {
    if (out[member.name] !== undefined) {
      throw FhirError.badRequest(`${path} is not repeating but appears more than once`);
    }
    out[member.name] = value;
    return;
  }
  ((out[member.name] ??= []) as unknown[]).push(value);
}

function addPrimitive(
  out: JsonObject,
  member: Member,
  node: XmlNode,
  path: string,
  columns: Map<Member, PrimitiveColumn>,
) {
  const attributes = nodeAttributes(node);
  const raw = attributes['value'];
  const value = raw === undefined ? null : primitiveValue(raw, member, path);
  const extension = complex(node, member.name, typeTable('Element'), path, ['value']) ?? null;
  if (value === null && extension === null) {
    throw FhirError.badRequest(`${path} has no value, id or extension (FHIR elements cannot be empty)`);
  }
  if (member.array) {
    let column = columns.get(member);
    if (!column) {
      column = { values: [], extensions: [] };
      columns.set(member, column);
      out[member.name] = column.values;
    }
    column.values.push(value);
    column.extensions.push(extension);
    return;
  }
  if (out[member.name] !== undefined || out[`_${member.name}`] !== undefined) {
    throw FhirError.badRequest(`${path} is not repeating but appears more than once`);
  }
  if (value !== null) {
    out[member.name] = value;
  }
  if (extension !== null) {
    out[`_${member.name}`] = extension;
  }
}

/** A complex element as an object (attributes first); undefined when it carries nothing besides `skip` attributes. */
function complex(node: XmlNode, name: string, table: TypeTable, path: string, skip: readonly string[]) {
  const attributes = nodeAttributes(node);
  assertOnly(attributes, [...skip, ...table.attributes.map((attribute) => attribute.name)], path);
  const out: JsonObject = {};
  for (const attribute of table.attributes) {
    const raw = attributes[attribute.name];
    if (raw !== undefined) {
      out[attribute.name] = primitiveValue(raw, attribute, `${path}@${attribute.name}`);
    }
  }
  fill(out, nodeChildren(node, name), table, path);
  for (const _key in out) {
    return out;
  }
  if (skip.length === 0) {
    throw FhirError.badRequest(`${path} is empty (FHIR elements cannot be empty)`);
  }
  return undefined;
}

function wrappedResource(node: XmlNode, name: string, path: string): JsonObject {
  assertOnly(nodeAttributes(node), [], path);
  const inner = elementNodes(nodeChildren(node, name), path);
  if (inner.length !== 1) {
    throw FhirError.badRequest(`${path} must hold exactly one resource`);
  }
  return resource(inner[0], nodeName(inner[0]));
}

/** The narrative div as XHTML source text, exactly as written between its tags. */
function xhtml(node: XmlNode): string {
  const attributes = nodeAttributes(node);
  if (attributes['xmlns'] !== XHTML_NAMESPACE) {
    throw FhirError.badRequest(`Narrative div must be in the XHTML namespace ${XHTML_NAMESPACE}`);
  }
  const content = nodeChildren(node, 'div')
    .map((child) => child[TEXT] ?? '')
    .join('');
  assertKnownReferences(content as string);
  let start = '<div';
  for (const [name, value] of Object.entries(attributes)) {
    start += ` ${name}="${value.replace(/"/g, '&quot;')}"`;
  }
  return `${start}>${content}</div>`;
}

/** The JSON value of a `value` attribute, typed by the element's primitive type. */
function primitiveValue(raw: string, member: Member, path: string): unknown {
  if (raw === '') {
    throw FhirError.badRequest(`${path} has an empty value (FHIR attributes cannot be empty)`);
  }
  const text = decodeXmlText(raw);
  switch (member.jsonKind) {
    case 'string':
      return text;
    case 'boolean':
      if (text.trim() !== 'true' && text.trim() !== 'false') {
        throw FhirError.badRequest(`${path} must be true or false, not ${JSON.stringify(text)}`);
      }
      return text.trim() === 'true';
    case 'integer':
      return number(text.trim().replace(/^\+/, ''), /^-?\d+$/, path);
    case 'decimal':
      return number(text.trim(), /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/, path);
  }
}

function number(text: string, pattern: RegExp, path: string): LosslessNumber {
  if (!pattern.test(text)) {
    throw FhirError.badRequest(`${path} is not a valid number: ${JSON.stringify(text)}`);
  }
  return new LosslessNumber(text);
}

/** Unprefixed attributes must be known; namespace declarations and prefixed ones (`xsi:schemaLocation`) are ignored. */
function assertOnly(attributes: XmlAttributes, allowed: readonly string[], path: string): void {
  for (const name in attributes) {
    if (name !== 'xmlns' && !name.includes(':') && !allowed.includes(name)) {
      throw FhirError.badRequest(`Unknown attribute ${name} on ${path}`);
    }
  }
}
