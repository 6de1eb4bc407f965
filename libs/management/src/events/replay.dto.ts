// Body and answers of the operator's replay (SPEC §9 POST /events/:id/replay) and how an
// event's replay requests show on its detail.
import { IsString, Length, Matches } from 'class-validator';

const NOT_BLANK = /\S/;

export class ReplayRequestDto {
  /** Who asked for the replay (a person or a ticket), as the operator names them. */
  @IsString()
  @Length(1, 200)
  @Matches(NOT_BLANK, { message: 'requested_by must not be blank' })
  requested_by!: string;

  @IsString()
  @Length(1, 1000)
  @Matches(NOT_BLANK, { message: 'reason must not be blank' })
  reason!: string;
}

/** The 202 answer: the request is stored; its deliveries follow through the outbox. */
export interface ReplayAccepted {
  replay_request_id: string;
  event_id: string;
}

export interface ReplayRequestView {
  id: string;
  requested_by: string;
  reason: string;
  /** The deliveries it enqueued (fresh ids; `GET /deliveries?event_id=` shows them once the worker has them). */
  delivery_ids: string[];
  created_at: string;
  /** When the relay had published every one of its jobs; null while any waits in the outbox. */
  dispatched_at: string | null;
}
