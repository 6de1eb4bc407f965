// Opaque keyset cursor for the feed: the database-assigned seq of the last item returned.
import { MalformedRequestError } from '@herald/contracts';

export interface FeedPosition {
  /** notifications.seq, a Postgres bigint, kept as a decimal string. */
  seq: string;
}

const PREFIX = 'seq:';
const MAX_BIGINT = 9223372036854775807n;

export function encodeCursor(position: FeedPosition): string {
  return Buffer.from(`${PREFIX}${position.seq}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): FeedPosition {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const seq = text.startsWith(PREFIX) ? text.slice(PREFIX.length) : '';
  if (!/^[1-9][0-9]{0,18}$/.test(seq) || BigInt(seq) > MAX_BIGINT) {
    throw new MalformedRequestError('The cursor is invalid', [{ path: 'cursor', message: 'not a cursor returned by this API' }]);
  }
  return { seq };
}
