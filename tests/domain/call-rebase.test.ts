// The server's call with this device's waiting changes on top, in seq order.
import { describe, expect, it } from 'vitest';
import { applyCallFields, rebaseCall } from '../../src/domain/call-rebase';

const server = { id: 'c1', partner: 'Frau K.', note: 'alt', durationMinutes: 10, version: 5 };
const update = (fields: object) => ({
  name: 'call.update',
  args: { id: 'c1', baseVersion: 3, fields },
});

describe('rebaseCall', () => {
  it.each([
    ['nothing waiting: the server’s call', [], server],
    [
      'a waiting edit wins on its field only',
      [update({ note: 'neu' })],
      { ...server, note: 'neu' },
    ],
    [
      'later edits win over earlier ones',
      [update({ note: 'eins', durationMinutes: 3 }), update({ note: 'zwei' })],
      { ...server, note: 'zwei', durationMinutes: 3 },
    ],
    [
      'a waiting create changes nothing',
      [{ name: 'call.create', args: { ...server, note: 'x' } }],
      server,
    ],
    [
      'a waiting delete hides it',
      [update({ note: 'x' }), { name: 'call.delete', args: { id: 'c1' } }],
      null,
    ],
  ])('%s', (_, pending, expected) => {
    expect(rebaseCall(server, pending)).toEqual(expected);
  });
});

describe('applyCallFields', () => {
  it('sets the named fields, keeps the rest, and leaves the input as it was', () => {
    const copy = { ...server };
    expect(applyCallFields(server, { partner: 'Herr B.', note: undefined })).toEqual({
      ...server,
      partner: 'Herr B.',
    });
    expect(server).toEqual(copy);
  });
});
