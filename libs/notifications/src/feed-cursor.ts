// Opaque keyset cursor for the feed: (created_at, id) of the last item returned.
import { MalformedRequestError } from '@herald/contracts';

export interface FeedPosition {
  createdAt: string;
  id: string;
}

export function encodeCursor(position: FeedPosition): string {
  return Buffer.from(`${position.createdAt}|${position.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): FeedPosition {
  const [createdAt, id, extra] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (extra !== undefined || !id || Number.isNaN(Date.parse(createdAt)) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw new MalformedRequestError('The cursor is invalid', [{ path: 'cursor', message: 'not a cursor returned by this API' }]);
  }
  return { createdAt, id };
}
