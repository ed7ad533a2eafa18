// `@rateLimit(max, window, by)`: graphql-rate-limit's semantics (at most `max` calls per
// sliding `window` per caller), counted in an atomic store (Redis when configured, so every
// replica shares the count). `by` names arguments to count per argument value instead of per
// caller, e.g. login attempts against one account from any address. Root fields without the
// directive share a default budget per caller.
import { getDirective, MapperKind, mapSchema } from '@graphql-tools/utils';
import {
  DirectiveLocation,
  GraphQLDirective,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLSchema,
  GraphQLString,
  defaultFieldResolver,
  isObjectType,
  parse,
  type FieldDefinitionNode,
  type GraphQLFieldResolver,
  type ObjectTypeDefinitionNode,
} from 'graphql';
import { Directive } from 'type-graphql';
import { parseWindow } from '../../infra/rate-limit/index.js';
import type { GraphQLContext } from '../context.js';
import { AppError } from '../../common/errors.js';
import { recordRefusalOnce, SecurityEventType } from '../../modules/security/security-log.js';

export interface RateLimitRule {
  max: number;
  window: string;
  /**
   * Argument paths (e.g. `input.email`) whose values form the key instead of the caller;
   * `$address` stands for the caller's address (e.g. one account from one address).
   */
  by?: string[];
}

/** Calls per minute per caller for root fields without their own `@rateLimit`. */
export const DEFAULT_RATE_LIMIT: RateLimitRule = { max: 300, window: '1m' };

const rateLimitDirectiveText = ({ max, window, by }: RateLimitRule) =>
  `@rateLimit(max: ${max}, window: ${JSON.stringify(window)}${by ? `, by: ${JSON.stringify(by)}` : ''})`;

export const RateLimit = (rule: RateLimitRule) => Directive(rateLimitDirectiveText(rule));

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

const rateLimitDirective = new GraphQLDirective({
  name: 'rateLimit',
  description:
    'At most `max` calls per sliding `window` ("30s", "15m", "1h") per caller (user, API key or IP), or per ' +
    'value of the `by` arguments. Exceeding it answers RATE_LIMITED with `retryAfterSeconds`.',
  locations: [DirectiveLocation.FIELD_DEFINITION],
  isRepeatable: true,
  args: {
    max: { type: new GraphQLNonNull(GraphQLInt), description: 'Calls allowed per window.' },
    window: {
      type: new GraphQLNonNull(GraphQLString),
      description: 'The sliding window: a number and s, m or h, e.g. "15m".',
    },
    by: {
      type: new GraphQLList(new GraphQLNonNull(GraphQLString)),
      description:
        'Argument paths (e.g. `input.email`) whose values share one budget, `$address` for the client address; null = per caller.',
    },
  },
});

/** Who is calling: the API key, else the user, else the client address. */
export function callerIdentity(ctx: GraphQLContext): string {
  const viewer = ctx.viewer;
  if (viewer?.apiKey) return `key:${viewer.apiKey.id}`;
  if (viewer) return `user:${viewer.userId}`;
  return `ip:${ctx.ip}`;
}

/** In `by`, the caller's address rather than an argument. */
const ADDRESS = '$address';

function argumentValue(args: Record<string, unknown>, path: string, ctx: GraphQLContext): string {
  if (path === ADDRESS) return ctx.ip;
  const value = path
    .split('.')
    .reduce<unknown>((current, key) => (current as Record<string, unknown> | undefined)?.[key], args);
  return typeof value === 'string' ? value.trim().toLowerCase() : JSON.stringify(value ?? null);
}

interface CompiledRule {
  max: number;
  window: string;
  windowMs: number;
  by: string[] | undefined;
}

/** The budget of root fields without their own `@rateLimit`: one per caller, for all of them. */
const SHARED_BUDGET = 'default';

async function enforce(
  rules: CompiledRule[],
  field: string,
  budget: string,
  args: Record<string, unknown>,
  ctx: GraphQLContext,
) {
  for (const [index, rule] of rules.entries()) {
    const subject = rule.by
      ? rule.by.map((path) => argumentValue(args, path, ctx)).join('|')
      : callerIdentity(ctx);
    const key = `${budget}#${index}:${subject}`;
    // Only the decision matters here: the store may answer from hits reserved ahead.
    const decision = await ctx.services.rateLimits.hit(key, rule.max, rule.windowMs, { lease: true });
    if (!decision.allowed) {
      const retryAfterSeconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
      ctx.log.warn(
        { field, subject: rule.by ? 'arguments' : subject, limit: rule.max, window: rule.window },
        'rate limited',
      );
      // Once per caller and rule per window: aliases and retries would multiply the rows.
      await recordRefusalOnce(ctx, ctx.services.rateLimits, key, rule.windowMs, {
        type: SecurityEventType.RATE_LIMITED,
        details: { field, limit: rule.max, window: rule.window, by: rule.by ?? 'caller' },
      });
      throw new AppError(
        'RATE_LIMITED',
        `Too many requests to ${field}: at most ${rule.max} per ${rule.window}. Retry in ${retryAfterSeconds} s.`,
        {
          retryAfterSeconds,
          limit: rule.max,
          window: rule.window,
        },
      );
    }
  }
}

function limited(
  resolve: GraphQLFieldResolver<unknown, GraphQLContext>,
  rules: CompiledRule[],
  field: string,
  budget: string,
): GraphQLFieldResolver<unknown, GraphQLContext> {
  return async (source, args, ctx, info) => {
    await enforce(rules, field, budget, args as Record<string, unknown>, ctx);
    return resolve(source, args, ctx, info);
  };
}

/** A field's declared limits replaced, and the schema's SDL saying so. */
function withDeclaredRules<T extends { astNode?: FieldDefinitionNode | null }>(
  field: T,
  rules: RateLimitRule[],
): T {
  if (!field.astNode) return field;
  const sdl = `type T { f: Int ${rules.map((rule) => rateLimitDirectiveText(rule)).join(' ')} }`;
  const [definition] = parse(sdl).definitions as [ObjectTypeDefinitionNode];
  const directives = [
    ...(field.astNode.directives ?? []).filter((directive) => directive.name.value !== 'rateLimit'),
    ...(definition.fields![0]!.directives ?? []),
  ];
  return { ...field, astNode: { ...field.astNode, directives } };
}

/**
 * Enforces every `@rateLimit`, and the shared default budget on root fields without one.
 * `overrides` (by `Type.field`) replace what a field declares, e.g. from configuration.
 */
export function applyRateLimits(
  built: GraphQLSchema,
  defaults: RateLimitRule = DEFAULT_RATE_LIMIT,
  overrides: Readonly<Record<string, readonly RateLimitRule[]>> = {},
): GraphQLSchema {
  const schema = new GraphQLSchema({
    ...built.toConfig(),
    directives: [...built.getDirectives(), rateLimitDirective],
  });
  for (const name of Object.keys(overrides)) {
    const [typeName, fieldName] = name.split('.') as [string, string | undefined];
    const type = schema.getType(typeName);
    if (!isObjectType(type) || !fieldName || !type.getFields()[fieldName]) {
      throw new RangeError(`A rate limit is configured for ${name}, which the schema does not have`);
    }
  }
  const compile = (rule: RateLimitRule): CompiledRule => ({
    ...rule,
    by: rule.by?.length ? rule.by : undefined,
    windowMs: parseWindow(rule.window),
  });
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (original, fieldName, typeName) => {
      const name = `${typeName}.${fieldName}`;
      const override = overrides[name];
      const field = override ? withDeclaredRules(original, [...override]) : original;
      const declared = override
        ? [...override]
        : ((getDirective(schema, field, 'rateLimit') ?? []) as RateLimitRule[]);
      if (!declared.length && !ROOT_TYPES.has(typeName)) return field;
      const rules = (declared.length ? declared : [defaults]).map(compile);
      const budget = declared.length ? name : SHARED_BUDGET;
      // Subscriptions are counted when they start, not per event.
      if (typeName === 'Subscription')
        return { ...field, subscribe: limited(field.subscribe ?? defaultFieldResolver, rules, name, budget) };
      return { ...field, resolve: limited(field.resolve ?? defaultFieldResolver, rules, name, budget) };
    },
  });
}
