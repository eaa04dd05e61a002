/**
 * The outcome of a rule that can refuse. A refusal carries a code and parameters; the
 * Vietnamese sentence for each code lives in the telegram texts, not here.
 */
export type Result<T> = { ok: true; value: T } | { ok: false; error: Problem };

export interface Problem {
  code: string;
  params?: Record<string, string | number>;
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: string, params?: Problem['params']): { ok: false; error: Problem } => ({
  ok: false,
  error: params ? { code, params } : { code },
});

/** Thrown by services when a rule refuses an action; the bot turns it into one sentence. */
export class RuleError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.code);
    this.name = 'RuleError';
  }
}
