// The one list of delivery channels: adding a channel is its sender file plus one line
// here. `in_app` is not sent by the worker, the notification service serves it (feed and
// SSE); email and analytics are still to come (docs/decisions.md, "What is not built yet").
import { Type } from '@nestjs/common';
import { ChannelSender } from './channel-sender';
import { SmsSender } from './sms.sender';
import { WebhookSender } from './webhook.sender';

export const CHANNEL_SENDERS: ReadonlyArray<Type<ChannelSender>> = [WebhookSender, SmsSender];
