/**
 * When a measurement may run one more turn (one round of each of its targets). It runs `rounds` turns,
 * then replaces those in which the hypervisor took more than `maxStealPercent` of the CPU time, up to
 * `extraRounds` turns per measurement and `extraSeconds` of such turns over the whole run: on a machine
 * whose neighbours take much, the re-runs would otherwise double the run's length.
 */
export class ExtraTurns {
  private spentMs = 0;
  /** Extra turns run, over the whole run. */
  turnsRun = 0;
  /** Measurements that kept a disturbed turn because the whole run's budget was spent. */
  cutShort = 0;

  constructor(
    private readonly limits: {
      rounds: number;
      extraRounds: number;
      maxStealPercent: number;
      extraSeconds: number;
    },
  ) {}

  get spentSeconds(): number {
    return Math.round(this.spentMs / 100) / 10;
  }

  /** Whether another turn runs, given the hypervisor's share of each turn run so far. */
  another(turns: readonly { stealPercent: number | undefined }[]): boolean {
    const { rounds, extraRounds, maxStealPercent, extraSeconds } = this.limits;
    const clean = turns.filter((turn) => (turn.stealPercent ?? 0) <= maxStealPercent).length;
    if (clean >= rounds) return false;
    if (turns.length < rounds) return true;
    if (turns.length >= rounds + extraRounds) return false;
    if (this.spentMs >= extraSeconds * 1000) {
      this.cutShort += 1;
      return false;
    }
    return true;
  }

  /** Runs turn number `index` (0-based), charging its time to the budget when it is an extra one. */
  async run<T>(index: number, turn: () => Promise<T>): Promise<T> {
    if (index < this.limits.rounds) return turn();
    const began = performance.now();
    try {
      return await turn();
    } finally {
      this.turnsRun += 1;
      this.spentMs += performance.now() - began;
    }
  }
}
