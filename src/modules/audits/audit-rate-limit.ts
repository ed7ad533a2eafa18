// createAudit's rate limit: what the schema declares (and documents) by default, which
// RATE_LIMIT_CREATE_AUDIT_PER_MINUTE replaces in a running server.
export const CREATE_AUDIT_FIELD = 'Mutation.createAudit';

/** At most 30 per minute per caller unless configured. */
export const CREATE_AUDIT_RATE_LIMIT = Object.freeze({ max: 30, window: '1m' });
