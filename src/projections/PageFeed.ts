/**
 * One pass over the log shared by several readers that each go at their own pace: page i is read
 * (and decoded) once, when the first reader asks for it, and dropped once every reader has taken
 * it. A reader may run at most `lookahead` pages ahead of the slowest, so the pages held in memory
 * stay bounded however unequal the readers' work is (a rebuild's heaviest read model takes ten
 * times the lightest's time per page).
 */
export class PageFeed<P> {
  readonly #pages = new Map<number, Promise<P | null>>();
  readonly #taken: number[];
  #waiters: (() => void)[] = [];
  #failed = false;

  /**
   * @param readFirst reads page 0
   * @param readAfter reads the page after the one given (null: the log ended at that page)
   */
  constructor(
    private readonly readers: number,
    private readonly lookahead: number,
    private readonly readFirst: () => Promise<P>,
    private readonly readAfter: (previous: P) => Promise<P> | null,
  ) {
    if (readers < 1 || lookahead < 1) throw new Error('a page feed needs a reader and a lookahead of at least one page');
    this.#taken = new Array<number>(readers).fill(0);
  }

  /**
   * Page `index` for `reader`, after it has taken every page before (it must ask in order), or
   * null past the end. Waits while the slowest reader is more than `lookahead` pages behind.
   */
  async take(reader: number, index: number): Promise<P | null> {
    if (this.#taken[reader] !== index) throw new Error(`reader ${reader} asked for page ${index} after ${this.#taken[reader]} pages`);
    while (!this.#failed && index - this.#slowest() >= this.lookahead) {
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
    if (this.#failed) return null;
    const page = await this.#page(index);
    this.#taken[reader] = index + 1;
    this.#release();
    // The next page is read (and decoded) while this one is applied: reading is this process's
    // work, applying mostly the database's.
    if (page !== null && !this.#failed) this.#page(index + 1);
    return page;
  }

  /** Pages held in memory now (read, or being read, and not yet dropped). */
  get held(): number {
    return this.#pages.size;
  }

  /** Every reader stops at its next `take` (one of them failed: the others' work is moot). */
  abort(): void {
    this.#failed = true;
    this.#wake();
  }

  #page(index: number): Promise<P | null> {
    let page = this.#pages.get(index);
    if (page !== undefined) return page;
    if (index === 0) {
      page = this.readFirst();
    } else {
      // Pages are read in order, each after the one before: that one is still here (pages are
      // dropped only once every reader is past the next one).
      const previous = this.#pages.get(index - 1);
      if (previous === undefined) throw new Error(`page ${index - 1} was dropped before page ${index} was read`);
      page = previous.then((p) => (p === null ? null : this.readAfter(p)));
    }
    // Awaited by whoever asks for it; if a reader fails meanwhile, it must not go unhandled.
    page.catch(() => undefined);
    this.#pages.set(index, page);
    return page;
  }

  #slowest(): number {
    return Math.min(...this.#taken);
  }

  /** Drops the pages every reader has taken (but the last, which the next one is read after). */
  #release(): void {
    const slowest = this.#slowest();
    for (const index of this.#pages.keys()) if (index < slowest - 1) this.#pages.delete(index);
    this.#wake();
  }

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }
}
