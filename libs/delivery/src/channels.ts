// The one list of delivery channels: adding a channel is its sender file plus one line
// here; a sender whose service is not configured (email without SMTP_URL) says so and is
// left out by the registry. `in_app` is not sent by the worker, the notification service
// serves it (feed and SSE). `analytics` is not a delivery job: its messages are accepted
// events, captured in PostHog by AnalyticsEventConsumer (analytics-event.consumer.ts).
import { Type } from '@nestjs/common';
import { ChannelSender } from './channel-sender';
import { EmailSender } from './email.sender';
import { SmsSender } from './sms.sender';
import { WebhookSender } from './webhook.sender';

export const CHANNEL_SENDERS: ReadonlyArray<Type<ChannelSender>> = [WebhookSender, SmsSender, EmailSender];
