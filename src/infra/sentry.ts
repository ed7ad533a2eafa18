// Error reporting to Sentry, active only when SENTRY_DSN is set (see src/instrument.ts).
import * as Sentry from '@sentry/node';

export function reportError(error: unknown, context: { requestId?: string; userId?: string }): void {
  if (!Sentry.isInitialized()) return;
  Sentry.withScope((scope) => {
    if (context.requestId) scope.setTag('request_id', context.requestId);
    if (context.userId) scope.setUser({ id: context.userId });
    Sentry.captureException(error);
  });
}
