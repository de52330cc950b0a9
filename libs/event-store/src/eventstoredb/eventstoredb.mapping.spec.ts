import { EVENT_TYPE, STREAM_NAME, type RecordedEvent } from '@eventstore/db-client';
import {
  comparePositions,
  decodePosition,
  encodePosition,
  isSelected,
  serverFilter,
  toRecordedEvent,
} from './eventstoredb.mapping';

describe('EventStoreDB mapping (runs without a server)', () => {
  it('round-trips positions beyond Number precision and orders them by commit, then prepare', () => {
    const position = { commit: 2n ** 60n + 1n, prepare: 2n ** 60n + 3n };

    expect(decodePosition(encodePosition(position))).toEqual(position);
    expect(comparePositions({ commit: 5n, prepare: 9n }, { commit: 6n, prepare: 0n })).toBeLessThan(
      0,
    );
    expect(
      comparePositions({ commit: 5n, prepare: 9n }, { commit: 5n, prepare: 7n }),
    ).toBeGreaterThan(0);
    expect(comparePositions(position, { ...position })).toBe(0);
    expect(() => decodePosition('42')).toThrow(/not an EventStoreDB position/);
  });

  it('selects user events by stream prefix and exact type, never system or checkpoint events', () => {
    const placed = { streamId: 'order-1', type: 'OrderPlaced' };

    expect(isSelected(placed, undefined)).toBe(true);
    expect(isSelected(placed, { streamPrefixes: ['user-', 'order-'] })).toBe(true);
    expect(isSelected(placed, { streamPrefixes: ['user-'] })).toBe(false);
    expect(isSelected(placed, { eventTypes: ['Order'] })).toBe(false);
    expect(isSelected(placed, { streamPrefixes: ['order-'], eventTypes: ['OrderPlaced'] })).toBe(
      true,
    );
    expect(isSelected(placed, { streamPrefixes: [], eventTypes: [] })).toBe(true);
    expect(isSelected({ streamId: 'order-1', type: '$metadata' }, undefined)).toBe(false);
    expect(isSelected({ streamId: 'checkpoint-projection', type: 'Checkpoint' }, undefined)).toBe(
      false,
    );
  });

  it('asks the server to filter on stream prefixes first, else on type prefixes', () => {
    expect(serverFilter({ streamPrefixes: ['order-'], eventTypes: ['OrderPlaced'] })).toMatchObject(
      {
        filterOn: STREAM_NAME,
        prefixes: ['order-'],
      },
    );
    expect(serverFilter({ eventTypes: ['OrderPlaced'] })).toMatchObject({
      filterOn: EVENT_TYPE,
      prefixes: ['OrderPlaced'],
    });
  });

  it('maps a recorded event, turning absent metadata into null', () => {
    const recorded = {
      streamId: 'order-1',
      id: 'b9c1f0d2-0000-4000-8000-000000000001',
      isJson: true,
      revision: 3n,
      type: 'OrderPlaced',
      created: new Date('2024-05-01T10:00:00.000Z'),
      data: { total: 12 },
      metadata: undefined,
      position: { commit: 100n, prepare: 90n },
    } as RecordedEvent;

    expect(toRecordedEvent(recorded)).toEqual({
      id: recorded.id,
      type: 'OrderPlaced',
      streamId: 'order-1',
      revision: 3,
      position: '100/90',
      data: { total: 12 },
      metadata: null,
      recordedAt: '2024-05-01T10:00:00.000Z',
    });
    expect(() => toRecordedEvent({ ...recorded, position: undefined })).toThrow(/no position/);
  });
});
