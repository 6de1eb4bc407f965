// The one list of delivery channels: adding a channel is its sender file plus one line
// here. Empty until the channels arrive with their issue (webhook, email, sms, analytics);
// `in_app` is not sent by the worker, the notification service serves it (feed and SSE).
import { Type } from '@nestjs/common';
import { ChannelSender } from './channel-sender';

export const CHANNEL_SENDERS: ReadonlyArray<Type<ChannelSender>> = [];
