// The one envelope interceptor: wraps every handler result as {success, data, meta}; a
// Page result puts its pagination into meta. Routes marked @RawResponse are left alone.
import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { map, Observable } from 'rxjs';
import { Page, SuccessEnvelope } from '@herald/contracts';

export const RAW_RESPONSE_KEY = 'herald:raw-response';
export const RawResponse = (): MethodDecorator & ClassDecorator => SetMetadata(RAW_RESPONSE_KEY, true);

@Injectable()
export class EnvelopeInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    if (this.reflector.getAllAndOverride<boolean>(RAW_RESPONSE_KEY, [context.getHandler(), context.getClass()])) {
      return next.handle();
    }
    const requestId = String(context.switchToHttp().getRequest<FastifyRequest>().id);
    return next.handle().pipe(map((result): SuccessEnvelope<unknown> => wrap(result, requestId)));
  }
}

export function wrap(result: unknown, requestId: string): SuccessEnvelope<unknown> {
  if (result instanceof Page) {
    return { success: true, data: result.items, meta: { request_id: requestId, ...result.meta } };
  }
  return { success: true, data: result ?? null, meta: { request_id: requestId } };
}
