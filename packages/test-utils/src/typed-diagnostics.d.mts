export interface DiagnosticCase {
  readonly name: string;
  /** One call on `client: Client<GradioApi>`. */
  readonly code: string;
  /** What the first diagnostic in the case's file must match. */
  readonly first: RegExp;
}

export interface DiagnosticResult {
  readonly name: string;
  readonly code: string;
  readonly expected: RegExp;
  /** The first diagnostic's message, continuation lines included; `null` when the file compiled. */
  readonly first: string | null;
  readonly ok: boolean;
}

export declare const DIAGNOSTIC_CASES: readonly DiagnosticCase[];

/** The same mistakes through React's and Vue's `useSubmit`; each case imports its adapter. */
export declare const ADAPTER_DIAGNOSTIC_CASES: readonly DiagnosticCase[];

export declare function runDiagnosticCases(options: {
  /** Path of a `tsc` entry script (run with this Node). */
  tsc: string;
  dir: string;
  /** Imports and `declare const client: Client<GradioApi>;`, prepended to every case. */
  header: string;
  compilerOptions: Record<string, unknown>;
  cases?: readonly DiagnosticCase[];
}): {
  readonly results: readonly DiagnosticResult[];
  /** Diagnostics in other files than the cases (the header's imports, the package's own types). */
  readonly stray: readonly string[];
  readonly output: string;
};
