import { ValidationError } from '../errors';

/**
 * BRIN: the Dutch school register number, two digits and two letters (e.g. 12AB), optionally followed by
 * a two-digit dependance (vestiging) code (12AB01). Without one, the main location '00' is meant.
 */
export interface BrinCode {
  readonly brin: string;
  readonly dependanceCode: string;
}

const BRIN = /^(\d{2}[A-Z]{2})(\d{2})?$/;

export function parseBrin(input: string): BrinCode {
  const normalised = input.trim().toUpperCase().replace(/[\s-]/g, '');
  const m = BRIN.exec(normalised);
  if (!m) {
    throw new ValidationError(
      `invalid BRIN '${input}': expected two digits and two letters (e.g. 12AB), optionally followed by a two-digit dependance code (12AB01)`,
    );
  }
  return { brin: m[1]!, dependanceCode: m[2] ?? '00' };
}

export function formatBrin(code: BrinCode): string {
  return code.dependanceCode === '00' ? code.brin : `${code.brin}${code.dependanceCode}`;
}
