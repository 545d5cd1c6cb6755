// The topline question as the results charts and tables read it: the wire type (TTopline) keeps per-kind
// fields open (`Record<string, unknown>`), these interfaces name the ones analysis/ fills for choices.
import type { TTopline } from '../../../../../server/contract/staff';

export type TToplineQuestion = TTopline['topline']['questions'][number];

export interface Estimate {
  estimate: number;
  se: number;
  ci: [number, number];
  deff: number;
  n: number;
}
export interface Level extends Estimate {
  value: unknown;
  label: string;
}
export interface MatrixRow {
  value: unknown;
  label: string;
  answered: number;
  levels: Level[];
  mean?: Estimate;
}
export interface ToplineQuestion {
  name: string;
  type: string;
  kind: string;
  title: string;
  answered: number;
  levels?: Level[];
  rows?: MatrixRow[];
  mean?: Estimate;
}

/** Kinds drawn as charts: choices with a fixed list of answers (text and numbers get tables only). */
export const DRAWN = new Set(['single', 'rating', 'multiple', 'matrix']);

export const asQuestion = (q: TToplineQuestion | ToplineQuestion): ToplineQuestion => q as ToplineQuestion;

/** Half the 95% interval, in percentage points. */
export const marginOf = (l: Estimate) => (100 * (l.ci[1] - l.ci[0])) / 2;
