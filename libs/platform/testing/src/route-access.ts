// Lists every HTTP route of an app with how it is guarded, so a test can fail on a route
// that is neither public, operator-only nor declares its scopes/roles (STYLE: guarded by
// default, explicit everywhere).
import { INestApplication, RequestMethod } from '@nestjs/common';
import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ACCESS_KEY, OPERATOR_KEY, PUBLIC_KEY } from '@herald/platform/auth';

export interface RouteAccess {
  route: string;
  access: 'public' | 'operator' | 'declared' | 'authenticated-only';
}

export function listRouteAccess(app: INestApplication): RouteAccess[] {
  const discovery = app.get(DiscoveryService);
  const scanner = app.get(MetadataScanner);
  const reflector = app.get(Reflector);
  const routes: RouteAccess[] = [];
  for (const wrapper of discovery.getControllers()) {
    const instance = wrapper.instance as Record<string, unknown> | undefined;
    if (!instance || !wrapper.metatype) continue;
    const prototype = Object.getPrototypeOf(instance) as object;
    const base = String(reflector.get(PATH_METADATA, wrapper.metatype) ?? '');
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = (prototype as Record<string, unknown>)[name] as () => unknown;
      const paths = reflector.get<string | string[] | undefined>(PATH_METADATA, handler);
      if (paths === undefined) continue;
      const method = RequestMethod[reflector.get<number>(METHOD_METADATA, handler)];
      const targets = [handler, wrapper.metatype];
      const access = reflector.getAllAndOverride(PUBLIC_KEY, targets)
        ? 'public'
        : reflector.getAllAndOverride(OPERATOR_KEY, targets)
          ? 'operator'
          : reflector.getAllAndOverride(ACCESS_KEY, targets)
            ? 'declared'
            : 'authenticated-only';
      for (const path of Array.isArray(paths) ? paths : [paths]) {
        const segments = [base, path].map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean);
        routes.push({ route: `${method} /${segments.join('/')}`, access });
      }
    }
  }
  return routes;
}
