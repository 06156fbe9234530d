import type { OperationOutcome, OperationOutcomeIssue } from 'fhir/r4';

export type IssueSeverity = OperationOutcomeIssue['severity'];
export type IssueCode = OperationOutcomeIssue['code'];

/**
 * Builds a one-issue OperationOutcome whose `details.text` carries the human-readable message.
 * See https://hl7.org/fhir/R4/operationoutcome.html
 */
export function operationOutcome(
  severity: IssueSeverity,
  code: IssueCode,
  text: string,
  diagnostics?: string,
): OperationOutcome {
  const issue: OperationOutcomeIssue = { severity, code, details: { text } };
  if (diagnostics !== undefined) {
    issue.diagnostics = diagnostics;
  }
  return { resourceType: 'OperationOutcome', issue: [issue] };
}

/** An OperationOutcome with one `error` issue per message (e.g. every failed DTO constraint). */
export function operationOutcomeFromMessages(code: IssueCode, messages: readonly string[]): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: messages.map((text) => ({ severity: 'error', code, details: { text } })),
  };
}

/** The `details.text` of every issue, for logs and assertions. */
export function outcomeMessages(outcome: OperationOutcome): string[] {
  return outcome.issue.map((issue) => issue.details?.text ?? issue.diagnostics ?? issue.code);
}
