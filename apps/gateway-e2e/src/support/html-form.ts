/*
 * Just enough HTML reading for the server-rendered authorize pages (hand-written markup, every value escaped):
 * find a form by its action and list its inputs. A browser drives the same pages in the Chromium tests.
 */

export interface FormInput {
  readonly type: string;
  readonly name: string;
  readonly value: string;
  readonly checked: boolean;
}

export interface HtmlForm {
  readonly method: string;
  readonly action: string;
  readonly inputs: readonly FormInput[];
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity: string, body: string) => {
    if (body.startsWith('#x') || body.startsWith('#X')) {
      return String.fromCodePoint(parseInt(body.slice(2), 16));
    }
    if (body.startsWith('#')) {
      return String.fromCodePoint(parseInt(body.slice(1), 10));
    }
    return ENTITIES[body.toLowerCase()] ?? entity;
  });
}

/** The attributes of one start tag; a bare attribute (`checked`) maps to ''. */
export function attributesOf(tag: string): Map<string, string> {
  const attributes = new Map<string, string>();
  const pattern = /([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  const inner = tag.replace(/^<[a-zA-Z0-9]+/, '').replace(/\/?>$/, '');
  for (const match of inner.matchAll(pattern)) {
    const name = match[1];
    if (name !== undefined) {
      attributes.set(name.toLowerCase(), decodeEntities(match[2] ?? match[3] ?? match[4] ?? ''));
    }
  }
  return attributes;
}

/** The form whose `action` is `action`, or undefined when the page has none. */
export function findForm(html: string, action: string): HtmlForm | undefined {
  for (const match of html.matchAll(/(<form\b[^>]*>)([\s\S]*?)<\/form>/gi)) {
    const [, openTag = '', body = ''] = match;
    const attributes = attributesOf(openTag);
    if (attributes.get('action') !== action) {
      continue;
    }
    const inputs = [...body.matchAll(/<input\b[^>]*>/gi)].map(([tag]) => {
      const input = attributesOf(tag);
      return {
        type: (input.get('type') ?? 'text').toLowerCase(),
        name: input.get('name') ?? '',
        value: input.get('value') ?? '',
        checked: input.has('checked'),
      };
    });
    return { method: (attributes.get('method') ?? 'get').toLowerCase(), action, inputs };
  }
  return undefined;
}

/** The form at `action`, failing with the page text when it is not there (the most useful message in a test). */
export function requireForm(html: string, action: string): HtmlForm {
  const form = findForm(html, action);
  if (form === undefined) {
    throw new Error(`no <form action="${action}"> on the page:\n${html.slice(0, 2000)}`);
  }
  return form;
}

/** The hidden fields of a form (`request`, `csrf`), as name → value. */
export function hiddenFields(form: HtmlForm): Record<string, string> {
  return Object.fromEntries(
    form.inputs.filter((input) => input.type === 'hidden').map((input) => [input.name, input.value]),
  );
}

/** Values of the inputs named `name` (radio buttons, checkboxes). */
export function valuesOf(form: HtmlForm, name: string): string[] {
  return form.inputs.filter((input) => input.name === name).map((input) => input.value);
}
