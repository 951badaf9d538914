// The update prompt never reloads while a form is dirty.
import { describe, expect, it, vi } from 'vitest';
import { anyFormDirty, setFormDirty } from '../../src/sw/dirty-forms';
import { createUpdateFlow, type WorkboxLike } from '../../src/sw/update-flow';

function fakeWorkbox() {
  const listeners: Record<string, (() => void)[]> = {};
  const workbox: WorkboxLike & { emit: (type: string) => void; skipped: number } = {
    skipped: 0,
    addEventListener: (type, listener) => (listeners[type] ??= []).push(listener),
    messageSkipWaiting() {
      this.skipped += 1;
    },
    register: async () => undefined,
    emit: (type) => listeners[type]?.forEach((listener) => listener()),
  };
  return workbox;
}

describe('update flow', () => {
  it('announces a waiting worker and reloads after the person applies it', () => {
    const workbox = fakeWorkbox();
    const reload = vi.fn();
    const onAvailable = vi.fn();
    const flow = createUpdateFlow({ workbox, isDirty: anyFormDirty, reload, onAvailable });
    workbox.emit('waiting');
    expect(onAvailable).toHaveBeenCalledOnce();
    expect(flow.apply()).toBe(true);
    expect(workbox.skipped).toBe(1);
    workbox.emit('controlling');
    expect(reload).toHaveBeenCalledOnce();
  });

  it('refuses to apply while a form is dirty', () => {
    const workbox = fakeWorkbox();
    const reload = vi.fn();
    const flow = createUpdateFlow({ workbox, isDirty: anyFormDirty, reload, onAvailable: vi.fn() });
    setFormDirty('call-form', true);
    expect(flow.apply()).toBe(false);
    expect(workbox.skipped).toBe(0);
    setFormDirty('call-form', false);
    expect(flow.apply()).toBe(true);
  });

  it('does not reload if a form became dirty before the new worker took control', () => {
    const workbox = fakeWorkbox();
    const reload = vi.fn();
    const flow = createUpdateFlow({ workbox, isDirty: anyFormDirty, reload, onAvailable: vi.fn() });
    flow.apply();
    setFormDirty('walk-form', true);
    workbox.emit('controlling');
    expect(reload).not.toHaveBeenCalled();
    setFormDirty('walk-form', false);
  });

  it('never reloads for a controller change the person did not ask for', () => {
    const workbox = fakeWorkbox();
    const reload = vi.fn();
    createUpdateFlow({ workbox, isDirty: anyFormDirty, reload, onAvailable: vi.fn() });
    workbox.emit('controlling');
    expect(reload).not.toHaveBeenCalled();
  });
});
