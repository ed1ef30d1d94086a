// Shared by export.ts and score.ts (the file, split and cases come from ../holdout.ts, as for every bench).
import type { CustomerState } from '../../src/recommend/types';
import { DEFAULT_FILE } from '../holdout';

/** A test case's key: customer id and the moment of the state (a customer could have several cases). */
export const caseKey = (s: CustomerState): string => `${s.profile.id}|${s.asOf.toISOString()}`;

export function parseArgs(argv: string[]): { file: string; dir: string } {
  const flag = (name: string): string | undefined => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : undefined; };
  const dir = flag('dir');
  if (!dir) throw new Error('--dir DIR is required');
  return { file: flag('file') ?? DEFAULT_FILE, dir };
}
