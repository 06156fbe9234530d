import { R4_PRIMITIVE_JSON_KINDS, R4_XML_TYPES } from './r4-xml-tables.generated';

/** How a member's value is represented (https://hl7.org/fhir/R4/json.html, https://hl7.org/fhir/R4/xml.html). */
export type MemberKind = 'primitive' | 'complex' | 'resource' | 'xhtml';
export type PrimitiveJsonKind = 'string' | 'boolean' | 'integer' | 'decimal';

/** One JSON property / XML element name of a type: a plain element, or one alternative of a choice (`valueQuantity`). */
export interface Member {
  readonly name: string;
  /** The complex type or backbone path (`Patient.contact`) whose table describes the value; primitive type otherwise. */
  readonly type: string;
  readonly kind: MemberKind;
  readonly jsonKind: PrimitiveJsonKind;
  readonly array: boolean;
  /** Written as an XML attribute (`Element.id`, `Extension.url`). */
  readonly attribute: boolean;
}

export interface TypeTable {
  /** Members grouped by element, in definition order; a choice element has one member per type. */
  readonly elements: readonly (readonly Member[])[];
  readonly attributes: readonly Member[];
  readonly byName: ReadonlyMap<string, Member>;
}

const ARRAY = 1;
const XML_ATTRIBUTE = 2;
const CHOICE = 4;
const tables = new Map<string, TypeTable>();

/** The member table of a complex type, backbone path or resource type; built once from the generated rows. */
export function typeTable(type: string): TypeTable {
  let table = tables.get(type);
  if (!table) {
    table = buildTable(type);
    tables.set(type, table);
  }
  return table;
}

function buildTable(type: string): TypeTable {
  const rows = R4_XML_TYPES[type];
  if (!rows) {
    throw new Error(`No R4 definition for type ${type}`);
  }
  const elements: Member[][] = [];
  const attributes: Member[] = [];
  const byName = new Map<string, Member>();
  for (const [name, types, flags] of rows) {
    const alternatives = flags & CHOICE ? (types as readonly string[]) : [types as string];
    const members = alternatives.map((alternative) =>
      member(flags & CHOICE ? name + alternative[0].toUpperCase() + alternative.slice(1) : name, alternative, flags),
    );
    for (const m of members) {
      byName.set(m.name, m);
    }
    if (flags & XML_ATTRIBUTE) {
      attributes.push(...members);
    } else {
      elements.push(members);
    }
  }
  return { elements, attributes, byName };
}

function member(name: string, type: string, flags: number): Member {
  const primitive = R4_PRIMITIVE_JSON_KINDS[type];
  let kind: MemberKind = 'complex';
  if (type === 'Resource') {
    kind = 'resource';
  } else if (type === 'xhtml') {
    kind = 'xhtml';
  } else if (primitive) {
    kind = 'primitive';
  }
  return {
    name,
    type,
    kind,
    jsonKind: primitive ?? 'string',
    array: (flags & ARRAY) !== 0,
    attribute: (flags & XML_ATTRIBUTE) !== 0,
  };
}
