/**
 * The three functions of a stream, as a command handler or a test drives them. Each command type
 * has its own context type (`Contexts[C['type']]`), so a handler must load exactly the facts that
 * command's rules need.
 */
export interface Decider<State, Cmd extends { readonly type: string }, Event, Contexts extends { [K in Cmd['type']]: unknown }> {
  readonly initialState: () => State;
  readonly evolve: (state: State, event: Event) => State;
  /**
   * The same as `events.reduce(evolve, state)`, for a state whose evolve copies a collection that
   * grows with the stream (a board's assignments): folding n events that way copies it n times.
   */
  readonly evolveAll?: (state: State, events: readonly Event[]) => State;
  readonly decide: <C extends Cmd>(command: C, state: State, context: Contexts[C['type']]) => Event[];
}

/** The context of a command whose rules need nothing from other streams. */
export type NoContext = Readonly<Record<string, never>>;
