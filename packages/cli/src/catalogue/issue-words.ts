import { issueInSwedish, type ValidationIssue } from '@pinnstatistik/core';

/** A catalogue problem in Swedish: where (the catalogue as a whole, or a JSON Pointer) and what was expected. */
export function issueLineInSwedish(issue: ValidationIssue): string {
  return `${issue.path === '' ? '(katalogen som helhet)' : issue.path}: ${issueInSwedish(issue.message)}`;
}
