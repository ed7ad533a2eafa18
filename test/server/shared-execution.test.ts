import { describe, expect, it } from '@jest/globals';
import { buildSchema, parse, type ExecutionResult } from 'graphql';
import { SharedExecution } from '../../src/server/shared-execution.js';

const schema = buildSchema('type Query { seen(tag: String): String }');
const document = parse('query($tag: String) { seen(tag: $tag) }');

/** Every execution counted; the answer names the event (the root value), the tag and the viewer. */
function setup() {
  let runs = 0;
  const shared = new SharedExecution((context) => (context as { viewer: string }).viewer);
  const answer = async (event: { n: number }, viewer: string, tag = 'a', doc = document) =>
    shared.result(event, {
      schema,
      document: doc,
      variableValues: { tag },
      contextValue: { viewer },
      fieldResolver: (source: { n: number }, args: { tag?: string }, context: { viewer: string }) => {
        runs++;
        return `${source.n}:${args.tag ?? ''}:${context.viewer}`;
      },
    });
  return { shared, answer, runs: () => runs };
}

describe('SharedExecution', () => {
  it('executes an event once for subscribers with the same document, variables and viewer', async () => {
    const { shared, answer, runs } = setup();
    const event = { n: 1 };
    const results = await Promise.all(Array.from({ length: 100 }, () => answer(event, 'alice')));
    expect(runs()).toBe(1);
    expect(new Set(results).size).toBe(1);
    expect(results[0]!.data).toEqual({ seen: '1:a:alice' });
    expect(shared.json(results[0]!)).toBe(JSON.stringify(results[0]));
    expect(shared.json(results[0]!)).toBe(shared.json(results[1]!));
    // Once settled, later subscribers get the result itself: no promise, no turn to wait.
    const later = shared.result(event, {
      schema,
      document,
      variableValues: { tag: 'a' },
      contextValue: { viewer: 'alice' },
    });
    expect(later).toBe(results[0]);
  });

  it('executes apart for another viewer, other variables, another document or another event', async () => {
    const { answer, runs } = setup();
    const event = { n: 1 };
    const [alice, bob, tagged, other, later] = await Promise.all([
      answer(event, 'alice'),
      answer(event, 'bob'),
      answer(event, 'alice', 'b'),
      answer(event, 'alice', 'a', parse('query($tag: String) { seen(tag: $tag) }')),
      answer({ n: 2 }, 'alice'),
    ]);
    expect(runs()).toBe(5);
    expect([alice, bob, tagged, other, later].map((result) => result.data?.seen)).toEqual([
      '1:a:alice',
      '1:a:bob',
      '1:b:alice',
      '1:a:alice',
      '2:a:alice',
    ]);
  });

  it('never shares when the viewer cannot be keyed', async () => {
    let runs = 0;
    const shared = new SharedExecution(() => null);
    const event = { n: 1 };
    const args = {
      schema,
      document,
      contextValue: {},
      fieldResolver: () => String(++runs),
    };
    const [first, second] = await Promise.all([shared.result(event, args), shared.result(event, args)]);
    expect(runs).toBe(2);
    expect([first.data?.seen, second.data?.seen]).toEqual(['1', '2']);
  });

  it('hands a running execution to every waiter once it settles, in order, each on its own', async () => {
    const shared = new SharedExecution(() => 'viewer');
    const order: string[] = [];
    let settle!: (result: ExecutionResult) => void;
    const running = new Promise<ExecutionResult>((resolve) => (settle = resolve));
    shared.whenSettled(
      running,
      () => order.push('first'),
      () => order.push('first failed'),
    );
    shared.whenSettled(
      running,
      () => {
        throw new Error('this subscriber’s socket broke');
      },
      () => undefined,
    );
    shared.whenSettled(
      running,
      (result) => order.push(`third ${JSON.stringify(result.data)}`),
      () => undefined,
    );
    expect(order).toEqual([]);
    settle({ data: { n: 1 } });
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['first', 'third {"n":1}']);

    const failing = Promise.reject(new Error('execution failed'));
    const errors: unknown[] = [];
    shared.whenSettled(
      failing,
      () => errors.push('value'),
      (error) => errors.push(error),
    );
    shared.whenSettled(
      failing,
      () => errors.push('value'),
      (error) => errors.push(error),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors.map((error) => (error as Error).message)).toEqual(['execution failed', 'execution failed']);
  });
});
