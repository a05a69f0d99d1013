/**
 * An async iterator over items that arrive in pages (one response's varbinds). The pages
 * come from an async generator; the items of a page are handed out without a generator
 * step each, which makes `for await` over a 100,000-varbind walk cheap. `break` (return)
 * finishes the page generator, whose `finally` stops its requests.
 */

const EMPTY: readonly never[] = [];
const DONE: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });

/** Flattens a generator of pages into an iterator of items. @internal */
export class PagedIterator<T> implements AsyncIterableIterator<T> {
  readonly #pages: AsyncGenerator<readonly T[], void, undefined>;
  #page: readonly T[] = EMPTY;
  #pos = 0;
  #busy: Promise<unknown> | undefined;

  constructor(pages: AsyncGenerator<readonly T[], void, undefined>) {
    this.#pages = pages;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<T, undefined>> {
    if (this.#busy !== undefined) return this.#busy.then(() => this.next());
    if (this.#pos < this.#page.length) return Promise.resolve({ value: this.#page[this.#pos++]!, done: false });
    const p = this.#nextPage();
    this.#busy = p;
    return p.finally(() => {
      if (this.#busy === p) this.#busy = undefined;
    });
  }

  async #nextPage(): Promise<IteratorResult<T, undefined>> {
    for (;;) {
      const r = await this.#pages.next();
      if (r.done === true) {
        this.#page = EMPTY;
        this.#pos = 0;
        return DONE;
      }
      if (r.value.length > 0) {
        this.#page = r.value;
        this.#pos = 1;
        return { value: r.value[0]!, done: false };
      }
    }
  }

  /** Stops the iteration (what `break` calls): the page generator finishes. */
  async return(): Promise<IteratorResult<T, undefined>> {
    this.#page = EMPTY;
    this.#pos = 0;
    await this.#pages.return(undefined);
    return DONE;
  }
}
