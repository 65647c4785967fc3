import { describe, expect, it, vi } from 'vitest';
import { Cancellation, causedByTimeout, OperationTimeout } from '../../src/gateway/cancellation.js';
import { createContext, requestLocal } from '../../src/gateway/context.js';

/** A request whose client can hang up, as Yoga hands it to the gateway's context. */
function clientRequest() {
  const controller = new AbortController();
  return { request: { signal: controller.signal }, hangUp: (reason: unknown) => controller.abort(reason) };
}

/** Every abort event the signal gives, to a listener and to its `onabort`. */
function heardOn(signal: AbortSignal) {
  const heard: { by: string; type: string; self?: unknown }[] = [];
  signal.addEventListener('abort', (event) => heard.push({ by: 'listener', type: event.type }));
  signal.onabort = function (event) {
    heard.push({ by: 'onabort', type: event.type, self: this });
  };
  return heard;
}

const abortOf = (signal: AbortSignal) =>
  new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));

/**
 * Resolves once a time limit of `timeoutMs` has run out for an operation whose clock starts now.
 * Node fires timers in the order they are due, so any timer of a shorter limit started before it
 * has fired by then: that is how a test knows a limit passed without timing anything itself.
 */
const limitPassed = (timeoutMs: number) => abortOf(new Cancellation(undefined, timeoutMs).signal());

describe("an operation's signal", () => {
  it('is not aborted while its client stays and its time limit has not run out', async () => {
    const { request } = clientRequest();
    const cancellation = new Cancellation(request, 60_000);
    const answer = await cancellation.run(
      () => {
        const signal = cancellation.signal();
        expect(cancellation.signal()).toBe(signal);
        expect(signal.aborted).toBe(false);
        expect(signal.reason).toBeUndefined();
        expect(() => signal.throwIfAborted()).not.toThrow();
        return 'answered';
      },
      () => 'late',
    );
    expect(answer).toBe('answered');
  });

  it("aborts when its client hangs up, with the client's reason, telling its listeners and onabort", async () => {
    const { request, hangUp } = clientRequest();
    const cancellation = new Cancellation(request, 60_000);
    const why = new Error('the client went away');
    await cancellation.run(
      () => {
        const signal = cancellation.signal();
        const heard = heardOn(signal);
        hangUp(why);
        expect(signal.aborted).toBe(true);
        expect(signal.reason).toBe(why);
        expect(() => signal.throwIfAborted()).toThrow(why);
        expect(heard).toHaveLength(2);
        expect(heard).toContainEqual({ by: 'listener', type: 'abort' });
        expect(heard).toContainEqual({ by: 'onabort', type: 'abort', self: signal });
      },
      () => undefined,
    );
  });

  it('is aborted from the start when its client hung up before the operation first used it', () => {
    const { request, hangUp } = clientRequest();
    const why = new Error('the client went away');
    hangUp(why);
    const signal = new Cancellation(request, 60_000).signal();
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe(why);
  });

  it('aborts with an OperationTimeout once the time limit runs out, found in the cause of an error it led to', async () => {
    const signal = new Cancellation(clientRequest().request, 20).signal();
    const heard = heardOn(signal);
    await abortOf(signal);
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBeInstanceOf(OperationTimeout);
    expect(signal.reason).toMatchObject({ timeoutMs: 20 });
    expect(() => signal.throwIfAborted()).toThrow(OperationTimeout);
    expect(heard).toHaveLength(2);
    const failedCall = new Error('the upstream call was aborted', { cause: signal.reason });
    expect(causedByTimeout(failedCall)).toBe(signal.reason);
  });

  it('aborts once: its time limit running out after the client left keeps the first reason, and the share is released once', async () => {
    const { request, hangUp } = clientRequest();
    const cancellation = new Cancellation(request, 20);
    const release = vi.fn();
    const why = new Error('the client went away');
    let signal: AbortSignal | undefined;
    let heard: unknown[] = [];
    const answer = await cancellation.run(
      () => {
        signal = cancellation.signal();
        heard = heardOn(signal);
        hangUp(why);
        // An execution that does not wind down: the operation is answered at its limit plus the wind-down.
        return new Promise<string>(() => {});
      },
      () => 'answered without the execution',
      release,
    );
    expect(answer).toBe('answered without the execution');
    expect(signal?.reason).toBe(why);
    expect(heard).toHaveLength(2);
    expect(release).toHaveBeenCalledTimes(1);
  });

  it('of a subscription (untimed) is aborted by its client alone, whether it was made before or after', async () => {
    const first = clientRequest();
    const untimedFirst = new Cancellation(first.request, 20);
    untimedFirst.untimed();
    const madeFirst = untimedFirst.signal();
    const second = clientRequest();
    const untimedAfter = new Cancellation(second.request, 20);
    const madeBefore = untimedAfter.signal();
    untimedAfter.untimed();

    await limitPassed(40);
    expect(madeFirst.aborted).toBe(false);
    expect(madeBefore.aborted).toBe(false);

    const why = new Error('the client went away');
    first.hangUp(why);
    second.hangUp(why);
    expect(madeFirst.reason).toBe(why);
    expect(madeBefore.reason).toBe(why);
  });

  it('is aborted neither by its client nor by its time limit once the operation was answered', async () => {
    const { request, hangUp } = clientRequest();
    const cancellation = new Cancellation(request, 20);
    let used: AbortSignal | undefined;
    await cancellation.run(
      () => {
        used = cancellation.signal();
        return 'answered';
      },
      () => 'late',
    );
    // One that used no provider while it ran and asks after its answer (nothing should) gets a signal
    // that never aborts either.
    const other = clientRequest();
    const unused = new Cancellation(other.request, 20);
    await unused.run(
      () => 'answered',
      () => 'late',
    );
    const afterwards = unused.signal();
    await limitPassed(40);
    hangUp(new Error('the client went away'));
    other.hangUp(new Error('the client went away'));
    expect(used?.aborted).toBe(false);
    expect(afterwards.aborted).toBe(false);
  });

  it('is over when the execution fails: the failure is passed on, and the client leaving afterwards aborts nothing', async () => {
    const { request, hangUp } = clientRequest();
    const cancellation = new Cancellation(request, 60_000);
    const failure = new Error('the execution failed');
    let used: AbortSignal | undefined;
    const answer = cancellation.run(
      () => {
        used = cancellation.signal();
        return Promise.reject(failure);
      },
      () => 'late',
    );
    await expect(answer).rejects.toBe(failure);
    hangUp(new Error('the client went away'));
    expect(used?.aborted).toBe(false);
  });

  it('asked for before the operation runs starts its clock then', async () => {
    const signal = new Cancellation(clientRequest().request, 60_000).signal();
    await limitPassed(40);
    expect(signal.aborted).toBe(false);
  });
});

describe('what an operation loaded', () => {
  /** A context whose one request-local value records when it is let go of. */
  function loadedContext(cancellation: Cancellation) {
    const released: string[] = [];
    let made = 0;
    const local = requestLocal(
      () => `value ${++made}`,
      (value) => released.push(value),
    );
    const context = createContext(
      [],
      { header: () => undefined },
      { maxPageSize: 1, maxNodes: 1 },
      undefined,
      'r',
      cancellation,
    );
    return { context, local, released };
  }

  it('is let go of once the answer is given, and made afresh if asked for after', async () => {
    const cancellation = new Cancellation(undefined, 60_000);
    const { context, local, released } = loadedContext(cancellation);
    const answer = await cancellation.run(
      () => {
        expect(local(context)).toBe('value 1');
        expect(local(context)).toBe('value 1');
        expect(released).toEqual([]);
        return 'answered';
      },
      () => 'late',
    );
    expect(answer).toBe('answered');
    expect(released).toEqual(['value 1']);
    expect(local(context)).toBe('value 2');
  });

  it('is let go of when the execution fails, and after the last part of an answer in parts', async () => {
    const failing = new Cancellation(undefined, 60_000);
    const failed = loadedContext(failing);
    await expect(
      failing.run(
        () => {
          failed.local(failed.context);
          return Promise.reject(new Error('the execution failed'));
        },
        () => 'late',
      ),
    ).rejects.toThrow('the execution failed');
    expect(failed.released).toEqual(['value 1']);

    const parted = new Cancellation(undefined, 60_000);
    const { context, local, released } = loadedContext(parted);
    async function* parts() {
      yield local(context);
      yield 'second part';
    }
    const answer = await parted.run(
      () => parts(),
      () => parts(),
    );
    const iterator = answer[Symbol.asyncIterator]();
    await iterator.next();
    expect(released).toEqual([]);
    await iterator.next();
    expect(released).toEqual([]);
    await iterator.next();
    expect(released).toEqual(['value 1']);
  });
});

describe('causedByTimeout', () => {
  it('finds the time limit behind an error, and ends on a chain of causes that loops back on itself', () => {
    const timeout = new OperationTimeout(20);
    const call = new Error('the upstream call was aborted', { cause: timeout });
    expect(causedByTimeout(new Error('the field failed', { cause: call }))).toBe(timeout);
    const looping = new Error('an error that is its own cause');
    looping.cause = looping;
    expect(causedByTimeout(looping)).toBeUndefined();
    expect(causedByTimeout('not an error')).toBeUndefined();
  });
});
