/** A file that is not a readable pinnstatistik export, with the line where reading stopped. */
export class ExportFormatError extends Error {
  readonly code = 'EXPORT_FORMAT' as const;
  readonly file: string;
  readonly line: number;

  constructor(file: string, line: number, problem: string) {
    super(`${file}, line ${line}: ${problem}`);
    this.name = 'ExportFormatError';
    this.file = file;
    this.line = line;
  }
}

/** Structural guard for {@link ExportFormatError}. */
export function isExportFormatError(value: unknown): value is ExportFormatError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { code?: unknown }).code === 'EXPORT_FORMAT' &&
    typeof (value as { line?: unknown }).line === 'number'
  );
}
