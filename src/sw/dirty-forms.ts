// Which forms hold unsaved input right now. An app update must never reload the page while
// one does (issue: "never reloads while a form is dirty"). Forms mark themselves; the update
// flow asks.
const dirty = new Set<string>();
const listeners = new Set<() => void>();

export function setFormDirty(formId: string, isDirty: boolean): void {
  const had = dirty.has(formId);
  if (isDirty) dirty.add(formId);
  else dirty.delete(formId);
  if (had !== isDirty) listeners.forEach((listener) => listener());
}

export function anyFormDirty(): boolean {
  return dirty.size > 0;
}

export function onDirtyChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
