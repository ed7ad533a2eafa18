// Loaded with `--import` into worker threads started from the TypeScript sources (under Jest):
// Node strips the types itself, and this resolves the `.js` specifiers the sources import to the
// `.ts` files beside them. Never used by the compiled server.
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      if (!specifier.startsWith('.') || !specifier.endsWith('.js')) throw error;
      return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
    }
  },
});
