import assert from 'node:assert/strict';
import { encodeEvent, type DomainEvent } from '#events/registry.js';
import type { Decider } from '#src/domain/decider.js';
import { DomainError, type DomainErrorCode } from '#src/domain/errors.js';

/**
 * given(events).when(command, context).then(events) | .thenThrows(code, field?)
 *
 * Pure and synchronous: the state is folded from the given events, the decision compared with the
 * expected events (each also encoded, so a decision can never produce data its schema rejects).
 * Failures throw node:assert errors, which tap reports with a diff.
 */
export function specFor<State, Cmd extends { readonly type: string }, Event extends DomainEvent, Contexts extends { [K in Cmd['type']]: unknown }>(
  decider: Decider<State, Cmd, Event, Contexts>,
) {
  return function given(events: readonly Event[]) {
    const state = events.reduce((current, event) => decider.evolve(current, event), decider.initialState());
    return {
      when<C extends Cmd>(command: C, context: Contexts[C['type']]) {
        const decide = () => decider.decide(command, state, context);
        return {
          then(expected: readonly Event[]): Event[] {
            const actual = decide();
            assert.deepStrictEqual(actual, expected);
            actual.forEach((event) => encodeEvent(event));
            return actual;
          },
          thenThrows(code: DomainErrorCode, field?: string): void {
            let caught: unknown;
            try {
              decide();
            } catch (error) {
              caught = error;
            }
            assert.ok(caught instanceof DomainError, `expected DomainError ${code}, got ${String(caught)}`);
            assert.deepStrictEqual(
              { code: caught.code, field: caught.field },
              { code, field: field ?? caught.field },
            );
          },
        };
      },
    };
  };
}
