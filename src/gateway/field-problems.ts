import { clipped, type UpstreamProblem } from './upstream/index.js';

/** A request field as upstreams name it: `destination.postgres.port`, `models[1]`, `[2].costPerTb`. */
export const UPSTREAM_FIELD_PATH = String.raw`(?:[A-Za-z_$][\w$]*|\[\d+\])(?:\.[A-Za-z_$][\w$]*|\[\d+\])*`;
const NAMED = new RegExp(String.raw`^(${UPSTREAM_FIELD_PATH}):\s+(.+)$`, 's');
/** Where one "<field>: <problem>" part ends and the next begins. */
const BOUNDARY = new RegExp(String.raw`;\s+(?=${UPSTREAM_FIELD_PATH}:\s)`);
/** A sentence that introduces the parts ("Invalid request data: port: …"); it is not a field (it has a space). */
const PREAMBLE = new RegExp(String.raw`^[^:;]*\s[^:;]*:\s+(?=${UPSTREAM_FIELD_PATH}:\s)`);

/**
 * The problems in an upstream message of the form `<field>: <problem>; <field>: <problem>`, each
 * with its field (a part that names none keeps its text alone); none when no part names a field,
 * since the message then speaks for itself.
 */
export function fieldProblems(message: string): UpstreamProblem[] {
  // Clipped: the preamble pattern takes time that grows with the square of a text without a colon.
  const text = clipped(message).replace(PREAMBLE, '');
  const problems: UpstreamProblem[] = text.split(BOUNDARY).map((part) => {
    // Trimmed once: the pattern's `\s+` and `$` then leave no space around the problem either.
    const trimmed = part.trim();
    const named = NAMED.exec(trimmed);
    return named?.[1] && named[2] ? { field: named[1], message: named[2] } : { message: trimmed };
  });
  return problems.some((problem) => problem.field !== undefined) ? problems : [];
}
