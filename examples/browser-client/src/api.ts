// The API as this page uses it: typed documents of client/generated over fetch (queries and
// mutations) and graphql-ws (subscriptions), with a session that refreshes itself.
import { createClient, type Client } from 'graphql-ws/client';
import {
  LoginDocument,
  LogoutDocument,
  RefreshSessionDocument,
  RegisterDocument,
  type SessionFieldsFragment,
  type TypedDocumentString,
} from '../../../client/generated/graphql.js';

/** A GraphQL error the API answered, with its `extensions.code` (UNAUTHENTICATED, BAD_USER_INPUT, …). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface GraphQLResult<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/** Refresh this long before the access token expires, so no request goes out with a dead one. */
const REFRESH_MARGIN_MS = 30_000;

export class Api {
  private session: SessionFieldsFragment | null = null;
  /** One refresh at a time: a refresh token works once, a second use would end the session. */
  private refreshing: Promise<SessionFieldsFragment> | null = null;
  private ws: Client | null = null;

  constructor(readonly endpoint: string) {}

  get viewer() {
    return this.session?.user ?? null;
  }

  async login(email: string, password: string) {
    const data = await this.send(LoginDocument, { input: { email, password } });
    this.session = data.login;
    return data.login.user;
  }

  async register(email: string, password: string) {
    const data = await this.send(RegisterDocument, { input: { email, password } });
    this.session = data.register;
    return data.register.user;
  }

  /** Ends the session on the server too (its refresh token stops working). */
  async logout() {
    const session = this.session;
    this.session = null;
    await this.ws?.dispose();
    this.ws = null;
    if (session) await this.send(LogoutDocument, { refreshToken: session.refreshToken });
  }

  /** A query or mutation as the signed-in user; refreshes the session when its token expired. */
  async request<TResult, TVariables>(
    document: TypedDocumentString<TResult, TVariables>,
    variables: TVariables,
  ): Promise<TResult> {
    try {
      return await this.send(document, variables, await this.accessToken());
    } catch (error) {
      // Expired early (e.g. the server's clock, or a rotated signing key): one refresh, one retry.
      if (!(error instanceof ApiError) || error.code !== 'UNAUTHENTICATED' || !this.session) throw error;
      return this.send(document, variables, (await this.refresh()).accessToken);
    }
  }

  /** Streams a subscription's results to `next` until the server completes it. */
  subscribe<TResult, TVariables>(
    document: TypedDocumentString<TResult, TVariables>,
    variables: TVariables,
    next: (data: TResult) => void,
  ): { done: Promise<void>; stop: () => void } {
    const client = this.websocket();
    let stop = () => {};
    const done = new Promise<void>((resolve, reject) => {
      stop = client.subscribe<TResult>(
        { query: String(document), variables: variables as Record<string, unknown> },
        {
          next: (result) => {
            const error = result.errors?.[0];
            if (error) reject(new ApiError(error.message, error.extensions?.code as string | undefined));
            else if (result.data) next(result.data);
          },
          error: (error) =>
            reject(error instanceof Error ? error : new ApiError('The live connection closed', undefined)),
          complete: resolve,
        },
      );
    });
    return { done, stop };
  }

  private websocket(): Client {
    this.ws ??= createClient({
      url: this.endpoint.replace(/^http/, 'ws'),
      // Asked on every (re)connection: the current access token, refreshed when needed.
      connectionParams: async () => ({ authorization: `Bearer ${await this.accessToken()}` }),
      retryAttempts: 3,
    });
    return this.ws;
  }

  private async accessToken(): Promise<string> {
    if (!this.session) throw new ApiError('Sign in first', 'UNAUTHENTICATED');
    if (Date.parse(this.session.expiresAt) - Date.now() > REFRESH_MARGIN_MS) return this.session.accessToken;
    return (await this.refresh()).accessToken;
  }

  private refresh(): Promise<SessionFieldsFragment> {
    this.refreshing ??= (async () => {
      try {
        const refreshToken = this.session?.refreshToken;
        if (!refreshToken) throw new ApiError('Sign in first', 'UNAUTHENTICATED');
        const data = await this.send(RefreshSessionDocument, { refreshToken });
        this.session = data.refreshSession;
        return data.refreshSession;
      } catch (error) {
        this.session = null;
        throw error;
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  private async send<TResult, TVariables>(
    document: TypedDocumentString<TResult, TVariables>,
    variables: TVariables,
    accessToken?: string,
  ): Promise<TResult> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (accessToken) headers.authorization = `Bearer ${accessToken}`;
    let response: Response;
    try {
      response = await fetch(this.endpoint, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query: String(document), variables }),
      });
    } catch {
      throw new ApiError(
        `The API at ${this.endpoint} cannot be reached (is it running, and allows this origin?)`,
        undefined,
      );
    }
    const body = (await response.json().catch(() => ({}))) as GraphQLResult<TResult>;
    const error = body.errors?.[0];
    if (error) throw new ApiError(error.message, error.extensions?.code);
    if (!body.data) throw new ApiError(`The API answered HTTP ${response.status} without data`, undefined);
    return body.data;
  }
}
