import { isLosslessNumber, parse } from 'lossless-json';
import { FhirError } from '@connector/fhir-outcomes';
import { isR4ResourceType } from '@connector/fhir-types';
import { type Member, type TypeTable, typeTable } from './r4-element-table';
import { xhtmlForXml } from './xhtml-narrative.util';
import { escapeXmlAttribute } from './xml-text.util';

export const FHIR_NAMESPACE = 'http://hl7.org/fhir';

export interface JsonToXmlOptions {
  /** Indent nested elements by two spaces (the narrative div is kept as is: its whitespace is content). */
  readonly pretty?: boolean;
}

type JsonObject = Record<string, unknown>;

/**
 * A FHIR R4 resource as XML: elements in StructureDefinition order, primitives as `value` attributes, primitive
 * extensions merged back from `_name`, inline resources wrapped in their type's element, the narrative kept as XHTML.
 * Pass the JSON text (not a parsed object) to keep decimals exactly as written (`1.50`). Empty strings, objects and
 * arrays are left out (FHIR has no empty elements). Throws a 400 FhirError on JSON that is not an R4 resource.
 * See https://hl7.org/fhir/R4/xml.html
 */
export function jsonToXml(resource: object | string, options: JsonToXmlOptions = {}): string {
  const value = typeof resource === 'string' ? parseJson(resource) : resource;
  if (!isObject(value)) {
    throw FhirError.badRequest('A FHIR resource must be a JSON object');
  }
  const writer = new XmlWriter(options.pretty === true);
  return `<?xml version="1.0" encoding="UTF-8"?>${writer.resource(value, 0, ` xmlns="${FHIR_NAMESPACE}"`)}`;
}

function parseJson(text: string): unknown {
  try {
    return parse(text);
  } catch (error) {
    throw FhirError.badRequest(`Invalid JSON: ${(error as Error).message}`);
  }
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isLosslessNumber(value);
}

class XmlWriter {
  private readonly indents: string[] = [];

  constructor(private readonly pretty: boolean) {}

  resource(value: JsonObject, depth: number, namespace = ''): string {
    const type = value['resourceType'];
    if (typeof type !== 'string' || !isR4ResourceType(type)) {
      throw FhirError.badRequest(`Unknown or missing resourceType ${JSON.stringify(type)}`);
    }
    const body = this.members(value, typeTable(type), depth + 1, type, 1);
    return `${this.newline(depth)}<${type}${namespace}>${body}${this.newline(depth)}</${type}>`;
  }

  /** Child elements of `value` in definition order; `known` counts the members consumed outside the table. */
  private members(value: JsonObject, table: TypeTable, depth: number, where: string, known: number): string {
    let xml = '';
    let consumed = known;
    for (const alternatives of table.elements) {
      for (const member of alternatives) {
        const item = value[member.name];
        const extension = member.kind === 'primitive' ? value[`_${member.name}`] : undefined;
        if (item === undefined && extension === undefined) {
          continue;
        }
        consumed += (item === undefined ? 0 : 1) + (extension === undefined ? 0 : 1);
        xml += this.member(member, item, extension, depth, where);
      }
    }
    if (consumed !== countKeys(value)) {
      throwUnknownMember(value, table, where);
    }
    return xml;
  }

  private member(member: Member, item: unknown, extension: unknown, depth: number, where: string): string {
    if (!member.array) {
      if (Array.isArray(item) || Array.isArray(extension)) {
        throw FhirError.badRequest(`${where}.${member.name} is not repeating but holds an array`);
      }
      return this.element(member, item, extension, depth, where);
    }
    const items = asArray(item);
    const extensions = asArray(extension);
    let xml = '';
    for (let i = 0; i < Math.max(items.length, extensions.length); i++) {
      xml += this.element(member, items[i], extensions[i], depth, where);
    }
    return xml;
  }

  private element(member: Member, item: unknown, extension: unknown, depth: number, where: string): string {
    switch (member.kind) {
      case 'primitive':
        return this.primitive(member.name, item, extension, depth, where);
      case 'complex':
        return isObject(item) ? this.complex(member.name, item, typeTable(member.type), depth, '', where) : '';
      case 'resource':
        return isObject(item) ? this.wrappedResource(member.name, item, depth) : '';
      case 'xhtml':
        return typeof item === 'string' && item !== '' ? `${this.newline(depth)}${xhtmlForXml(item)}` : '';
    }
  }

  private primitive(name: string, item: unknown, extension: unknown, depth: number, where: string): string {
    const text = primitiveText(item, `${where}.${name}`);
    const value = text === undefined ? '' : ` value="${escapeXmlAttribute(text)}"`;
    if (isObject(extension)) {
      return this.complex(name, extension, typeTable('Element'), depth, value, where);
    }
    return value === '' ? '' : `${this.newline(depth)}<${name}${value}/>`;
  }

  private complex(name: string, value: JsonObject, table: TypeTable, depth: number, prefix: string, where: string) {
    let attributes = prefix;
    for (const attribute of table.attributes) {
      const text = primitiveText(value[attribute.name], `${where}.${name}.${attribute.name}`);
      if (text !== undefined) {
        attributes += ` ${attribute.name}="${escapeXmlAttribute(text)}"`;
      }
    }
    const known = table.attributes.reduce((n, attribute) => n + (value[attribute.name] === undefined ? 0 : 1), 0);
    const body = this.members(value, table, depth + 1, `${where}.${name}`, known);
    if (body === '') {
      return attributes === '' ? '' : `${this.newline(depth)}<${name}${attributes}/>`;
    }
    return `${this.newline(depth)}<${name}${attributes}>${body}${this.newline(depth)}</${name}>`;
  }

  private wrappedResource(name: string, value: JsonObject, depth: number): string {
    return `${this.newline(depth)}<${name}>${this.resource(value, depth + 1)}${this.newline(depth)}</${name}>`;
  }

  private newline(depth: number): string {
    if (!this.pretty) {
      return '';
    }
    return (this.indents[depth] ??= `\n${'  '.repeat(depth)}`);
  }
}

/** The lexical form of a JSON primitive (decimals keep their text when parsed by lossless-json). */
function primitiveText(value: unknown, where: string): string | undefined {
  if (typeof value === 'string') {
    return value === '' ? undefined : value;
  }
  if (typeof value === 'boolean' || typeof value === 'number') {
    return String(value);
  }
  if (value === undefined || value === null) {
    return undefined;
  }
  if (isLosslessNumber(value)) {
    return value.value;
  }
  throw FhirError.badRequest(`${where} must be a primitive value`);
}

function asArray(value: unknown): readonly unknown[] {
  if (value === undefined || value === null) {
    return [];
  }
  return Array.isArray(value) ? value : [value];
}

function countKeys(value: JsonObject): number {
  let count = 0;
  for (const key in value) {
    if (Object.prototype.hasOwnProperty.call(value, key)) {
      count++;
    }
  }
  return count;
}

function throwUnknownMember(value: JsonObject, table: TypeTable, where: string): never {
  const unknown = Object.keys(value).find((key) => {
    const member = table.byName.get(key.startsWith('_') ? key.slice(1) : key);
    return key !== 'resourceType' && (!member || (key.startsWith('_') && member.kind !== 'primitive'));
  });
  throw FhirError.badRequest(`Unknown element ${where}.${unknown ?? 'resourceType'}`);
}
