/**
 * What is wrong with an export set, as file, row, column and problem. Every problem is counted;
 * the first MAX_LISTED_PROBLEMS are kept so a set with a million bad rows does not fill memory.
 */

export interface ImportProblem {
  file: string;
  /** 1-based data row (the header is row 0); absent for problems with the whole file. */
  row?: number;
  /** 1-based line of the file where the row ends, which differs from row + 1 after multi-line fields. */
  line?: number;
  column?: string;
  problem: string;
}

export const MAX_LISTED_PROBLEMS = 100;

export class ProblemList {
  readonly listed: ImportProblem[] = [];
  total = 0;
  constructor(private readonly limit = MAX_LISTED_PROBLEMS) {}

  add(p: ImportProblem): void {
    this.total++;
    if (this.listed.length < this.limit) this.listed.push(p);
  }

  get empty(): boolean {
    return this.total === 0;
  }
}

/** `people.csv row 12 (line 13), column pnc: "2004/0046583A" has the wrong PNC check letter (expected U)` */
export function describeProblem(p: ImportProblem): string {
  let where = p.file;
  if (p.row !== undefined) where += ` row ${p.row}`;
  if (p.line !== undefined) where += p.row !== undefined ? ` (line ${p.line})` : ` line ${p.line}`;
  if (p.column !== undefined) where += `, column ${p.column}`;
  return `${where}: ${p.problem}`;
}
