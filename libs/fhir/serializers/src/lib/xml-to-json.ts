import { FhirError } from '@connector/fhir-outcomes';
import { FHIR_NAMESPACE } from './json-to-xml';
import { stringifyWithNumbers } from './json-number.util';
import { isR4ResourceType } from '@connector/fhir-types';
import { type Member, type TypeTable, typeTable } from './r4-element-table';
import { xhtmlFromXml } from './xhtml-narrative.util';
import { assertBlank, readXmlDocument, type XmlAttributes, type XmlEvents } from './xml-document.util';
import { primitiveValue } from './xml-primitive-value.util';
import { assertKnownReferences } from './xml-text.util';

type JsonObject = Record<string, unknown>;
/** What a primitive element holds besides its value: `id` and `extension`. */
const elementTable = typeTable('Element');
interface PrimitiveColumn {
  values: unknown[];
  extensions: unknown[];
}

/**
 * One open element while reading: a resource or complex value (`object`), a primitive (its id and extensions go to
 * `out`), a member holding an inline resource (`wrapper`), or the narrative div (`xhtml`, read as source text).
 */
interface Frame {
  readonly kind: 'object' | 'primitive' | 'wrapper' | 'xhtml';
  /** Where the element is, for messages: `Patient.name.given`. */
  readonly path: string;
  /** The member of the parent element this one fills; undefined for the root and a wrapped resource. */
  readonly member: Member | undefined;
  readonly table: TypeTable | undefined;
  readonly out: JsonObject;
  /** A primitive's typed `value`, a wrapper's resource. */
  value: unknown;
  columns: Map<Member, PrimitiveColumn> | undefined;
}

/**
 * A FHIR R4 XML resource as JSON text: `value` attributes become typed JSON primitives (decimals written with their
 * exact XML text), id/extension of primitives go to `_name` (arrays aligned with `null`), inline resources get their
 * `resourceType`, the narrative div becomes its XHTML source string. Throws a 400 FhirError on malformed XML, DOCTYPE
 * or entity declarations, a root that is not an R4 resource in the FHIR namespace, and unknown or empty elements.
 * The JSON is built from the parser's events as they come, without an intermediate tree.
 * See https://hl7.org/fhir/R4/json.html and https://hl7.org/fhir/R4/xml.html
 */
export function xmlToJson(xml: string): string {
  const reader = new FhirXmlReader(xml);
  readXmlDocument(xml, reader);
  return stringifyWithNumbers(reader.result());
}

class FhirXmlReader implements XmlEvents {
  private readonly stack: Frame[] = [];
  private root: JsonObject | undefined;
  /** Elements open inside the narrative div, which is taken as source text rather than read. */
  private xhtmlDepth = -1;
  private xhtmlStart = 0;

  constructor(private readonly xml: string) {}

  result(): JsonObject {
    if (!this.root) {
      throw FhirError.badRequest('XML document must have exactly one root element');
    }
    return this.root;
  }

  open(name: string, attributes: XmlAttributes, end: number): void {
    if (this.xhtmlDepth >= 0) {
      this.xhtmlDepth++;
      return;
    }
    const parent = this.stack.at(-1);
    if (!parent) {
      if (attributes['xmlns'] !== FHIR_NAMESPACE) {
        throw FhirError.badRequest(`Root element ${name} is not in the FHIR namespace ${FHIR_NAMESPACE}`);
      }
      this.stack.push(resourceFrame(name, attributes));
    } else if (parent.kind === 'wrapper') {
      if (parent.value !== undefined) {
        throw FhirError.badRequest(`${parent.path} must hold exactly one resource`);
      }
      this.stack.push(resourceFrame(name, attributes));
    } else {
      this.openMember(parent, name, attributes, end);
    }
  }

  close(_name: string, start: number): void {
    if (this.xhtmlDepth > 0) {
      this.xhtmlDepth--;
      return;
    }
    const frame = this.stack.pop() as Frame;
    const value = this.frameValue(frame, start);
    const parent = this.stack.at(-1);
    if (!parent) {
      this.root = value as JsonObject;
    } else if (parent.kind === 'wrapper') {
      parent.value = value;
    } else if (frame.member?.kind === 'primitive') {
      addPrimitive(parent, frame.member, frame.value ?? null, value ?? null, frame.path);
    } else {
      add(parent.out, frame.member as Member, value, frame.path);
    }
  }

  text(text: string): void {
    if (this.xhtmlDepth < 0) {
      assertBlank(text, this.stack.at(-1)?.path ?? 'document');
    }
  }

  private openMember(parent: Frame, name: string, attributes: XmlAttributes, end: number): void {
    const member = (parent.table as TypeTable).byName.get(name);
    if (!member || member.attribute) {
      throw FhirError.badRequest(`Unknown element ${parent.path}.${name}`);
    }
    const path = `${parent.path}.${name}`;
    switch (member.kind) {
      case 'primitive': {
        const frame = objectFrame('primitive', path, member, elementTable, attributes, true);
        const raw = attributes['value'];
        frame.value = raw === undefined ? null : primitiveValue(raw, member, path);
        this.stack.push(frame);
        return;
      }
      case 'complex':
        this.stack.push(objectFrame('object', path, member, typeTable(member.type), attributes, false));
        return;
      case 'resource':
        assertOnly(attributes, undefined, false, path);
        this.stack.push(newFrame('wrapper', path, member, undefined, {}));
        return;
      case 'xhtml':
        this.xhtmlDepth = 0;
        this.xhtmlStart = end;
        this.stack.push(newFrame('xhtml', path, member, undefined, {}));
    }
  }

  private frameValue(frame: Frame, start: number): unknown {
    switch (frame.kind) {
      case 'xhtml':
        return this.narrative(start);
      case 'wrapper':
        if (frame.value === undefined) {
          throw FhirError.badRequest(`${frame.path} must hold exactly one resource`);
        }
        return frame.value;
      case 'object':
      case 'primitive':
        return finishObject(frame);
    }
  }

  /** The div as written: its start tag is the source from the last `<` before its end (values hold no `<`). */
  private narrative(closeStart: number): string {
    this.xhtmlDepth = -1;
    const { xml, xhtmlStart } = this;
    const content = xml.slice(xhtmlStart, closeStart);
    // saxes leaves CDATA sections undecoded, and this text goes back into XML as it is: same references only.
    assertKnownReferences(content);
    return xhtmlFromXml(xml.slice(xml.lastIndexOf('<', xhtmlStart - 1), xhtmlStart), content);
  }
}

function newFrame(
  kind: Frame['kind'],
  path: string,
  member: Member | undefined,
  table: TypeTable | undefined,
  out: JsonObject,
): Frame {
  return { kind, path, member, table, out, value: undefined, columns: undefined };
}

function resourceFrame(name: string, attributes: XmlAttributes): Frame {
  if (!isR4ResourceType(name)) {
    throw FhirError.badRequest(`${name} is not an R4 resource type`);
  }
  assertOnly(attributes, undefined, false, name);
  return newFrame('object', name, undefined, typeTable(name), { resourceType: name });
}

/** A complex value or a primitive's id/extension holder, its XML attributes (`id`, `url`) first. */
function objectFrame(
  kind: 'object' | 'primitive',
  path: string,
  member: Member,
  table: TypeTable,
  attributes: XmlAttributes,
  allowValue: boolean,
): Frame {
  assertOnly(attributes, table, allowValue, path);
  const out: JsonObject = {};
  for (const attribute of table.attributes) {
    const raw = attributes[attribute.name];
    if (raw !== undefined) {
      out[attribute.name] = primitiveValue(raw, attribute, `${path}@${attribute.name}`);
    }
  }
  return newFrame(kind, path, member, table, out);
}

/** The object of a closed element; a primitive's is undefined when it carries no id or extension. */
function finishObject(frame: Frame): JsonObject | undefined {
  const { out, columns } = frame;
  if (columns) {
    for (const [member, column] of columns) {
      if (column.values.every((value) => value === null)) {
        delete out[member.name];
      }
      if (column.extensions.some((extension) => extension !== null)) {
        out[extensionKey(member)] = column.extensions;
      }
    }
  }
  for (const _key in out) {
    return out;
  }
  if (frame.kind === 'object') {
    throw FhirError.badRequest(`${frame.path} is empty (FHIR elements cannot be empty)`);
  }
  if (frame.value === null) {
    throw FhirError.badRequest(`${frame.path} has no value, id or extension (FHIR elements cannot be empty)`);
  }
  return undefined;
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

/** A primitive goes to `name` and its id/extensions to `_name`; repeated ones in aligned columns. */
function addPrimitive(parent: Frame, member: Member, value: unknown, extension: unknown, path: string): void {
  const { out } = parent;
  if (member.array) {
    parent.columns ??= new Map();
    let column = parent.columns.get(member);
    if (!column) {
      column = { values: [], extensions: [] };
      parent.columns.set(member, column);
      out[member.name] = column.values;
    }
    column.values.push(value);
    column.extensions.push(extension);
    return;
  }
  if (out[member.name] !== undefined || out[extensionKey(member)] !== undefined) {
    throw FhirError.badRequest(`${path} is not repeating but appears more than once`);
  }
  if (value !== null) {
    out[member.name] = value;
  }
  if (extension !== null) {
    out[extensionKey(member)] = extension;
  }
}

const extensionKeys = new Map<Member, string>();

/** `_name`, built once per member: a fresh concatenation on every primitive was a measurable share of the time. */
function extensionKey(member: Member): string {
  let key = extensionKeys.get(member);
  if (key === undefined) {
    key = `_${member.name}`;
    extensionKeys.set(member, key);
  }
  return key;
}

/**
 * Unprefixed attributes must be XML attributes of the type (or a primitive's `value`); namespace declarations and
 * prefixed ones (`xsi:schemaLocation`) are ignored.
 */
function assertOnly(attributes: XmlAttributes, table: TypeTable | undefined, allowValue: boolean, path: string): void {
  for (const name in attributes) {
    if (name === 'xmlns' || name.includes(':') || (allowValue && name === 'value')) {
      continue;
    }
    if (!table?.byName.get(name)?.attribute) {
      throw FhirError.badRequest(`Unknown attribute ${name} on ${path}`);
    }
  }
}
