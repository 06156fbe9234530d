/**
 * The server-rendered pages of the authorize flow. Hand-written templates: four small pages do not justify a
 * template engine, and every value goes through {@link escapeHtml}. No JavaScript: plain forms work everywhere.
 */

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** The hidden fields every step's form carries: which request, and the CSRF token bound to it. */
export interface FlowFormFields {
  readonly request: string;
  readonly csrf: string;
}

export interface PatientChoice {
  readonly id: string;
  readonly name: string;
  readonly birthDate?: string;
}

/** A scope as the consent page shows it: the scope itself and what it means in words. */
export interface ScopeChoice {
  readonly scope: string;
  readonly description: string;
  /** For a scope over every type: the kinds of records the user may withhold (form value, label). */
  readonly categories?: readonly { readonly value: string; readonly label: string }[];
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.4rem}label{display:block;margin:.6rem 0}input[type=text],input[type=password]{width:100%;padding:.4rem}
button{margin:.8rem .4rem 0 0;padding:.45rem 1.1rem}.categories{margin-left:1.6rem}.error{color:#a4000f;font-weight:600}.muted{color:#555}`;

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)} · Connector</title><style>${STYLE}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>
${body}
</main></body></html>`;
}

function hiddenFields(fields: FlowFormFields): string {
  return `<input type="hidden" name="request" value="${escapeHtml(fields.request)}">
<input type="hidden" name="csrf" value="${escapeHtml(fields.csrf)}">`;
}

function errorLine(error: string | undefined): string {
  return error === undefined ? '' : `<p class="error" role="alert">${escapeHtml(error)}</p>`;
}

export function loginPage(fields: FlowFormFields, clientName: string, error?: string, username = ''): string {
  return page(
    'Sign in',
    `<p><strong>${escapeHtml(clientName)}</strong> asks to access health records on your behalf.</p>
${errorLine(error)}
<form method="post" action="/oauth/authorize/login">
${hiddenFields(fields)}
<label>Username <input type="text" name="username" autocomplete="username" required value="${escapeHtml(username)}"></label>
<label>Password <input type="password" name="password" autocomplete="current-password" required></label>
<button type="submit">Sign in</button>
</form>`,
  );
}

export function patientPickerPage(
  fields: FlowFormFields,
  patients: readonly PatientChoice[],
  query: string,
  error?: string,
): string {
  const choices =
    patients.length === 0
      ? '<p class="muted">No patient matches.</p>'
      : patients
          .map(
            (patient, index) =>
              `<label><input type="radio" name="patient" value="${escapeHtml(patient.id)}"${index === 0 ? ' required' : ''}> ${escapeHtml(patient.name)}${
                patient.birthDate ? ` <span class="muted">(born ${escapeHtml(patient.birthDate)})</span>` : ''
              }</label>`,
          )
          .join('\n');
  return page(
    'Choose a patient',
    `${errorLine(error)}
<form method="post" action="/oauth/authorize/patient">
${hiddenFields(fields)}
<label>Find by name <input type="text" name="q" value="${escapeHtml(query)}"></label>
<button type="submit" name="action" value="search" formnovalidate>Search</button>
<fieldset><legend>Patients</legend>
${choices}
</fieldset>
<button type="submit" name="action" value="select">Continue</button>
</form>`,
  );
}

export function consentPage(
  fields: FlowFormFields,
  clientName: string,
  scopes: readonly ScopeChoice[],
  patientName: string | undefined,
  error?: string,
): string {
  const boxes = scopes.map(scopeBox).join('\n');
  return page(
    'Allow access?',
    `<p><strong>${escapeHtml(clientName)}</strong> asks for the access below${
      patientName === undefined ? '' : ` to the record of <strong>${escapeHtml(patientName)}</strong>`
    }. Untick anything you do not want to share.</p>
${errorLine(error)}
<form method="post" action="/oauth/authorize/consent">
${hiddenFields(fields)}
<fieldset><legend>Access</legend>
${boxes}
</fieldset>
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny" formnovalidate>Deny</button>
</form>`,
  );
}

function scopeBox(choice: ScopeChoice): string {
  const box = `<label><input type="checkbox" name="scope" value="${escapeHtml(choice.scope)}" checked> ${escapeHtml(choice.description)} <code class="muted">${escapeHtml(choice.scope)}</code></label>`;
  if (choice.categories === undefined) {
    return box;
  }
  const categories = choice.categories
    .map(
      (category) =>
        `<label><input type="checkbox" name="withhold" value="${escapeHtml(category.value)}"> ${escapeHtml(category.label)}</label>`,
    )
    .join('\n');
  return `${box}\n<details class="categories"><summary>Leave out kinds of records</summary>\n${categories}\n</details>`;
}

/** Shown when the error cannot be sent back to the app (unknown client, unregistered redirect URI, lost request). */
export function errorPage(title: string, message: string): string {
  return page(title, `<p class="error" role="alert">${escapeHtml(message)}</p>`);
}
