// The open auditProgress streams of this process, re-checked together instead of each on its
// own timer. One statement per interval reads, for every distinct (audit, credential) among the
// streams, the audit's stored state and the facts its viewer's access rests on (the user, the
// session or API key, the memberships). A stream is told to re-check itself — the full check,
// with the same errors as before — only when those facts changed since its last check, its
// credential expired, or its audit moved on without it (an event lost by the broker); the others
// cost nothing. Access changes pushed from any replica (credential events) are checked the same
// way at once, for that user's streams, through one subscription per user however many streams
// they have open: a logout re-checks in full only the streams of the session it ended.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppLogger } from '../../common/logger.js';
import { TERMINAL_STATUSES, type AuditStatus } from './audit.entity.js';
import { sameProgress, type AuditProgressEvent } from './audit-progress.js';

const SQL = {
  /**
   * Per row of `$1` (JSON: key, audit_id, user_id, session_id, api_key_id, role, staff): the
   * audit's state, the access facts as one text, when the credential expires, and whether the
   * facts already contradict what the stream's last check saw (`lapsed`: a change whose
   * announcement was lost before the stream listened). Either only ever asks for a full check.
   */
  facts: `select s.key, a.id as audit_id, a.workspace_id, a.status, a.progress, a.stage, a.message, a.error, a.updated_at,
      json_build_array(a.workspace_id, u.deactivated_at, u.role, ses.revoked_at, ses.expires_at,
        k.revoked_at, k.expires_at, k.scopes, m.role, m.created_at, km.role, km.created_at)::text as access,
      least(ses.expires_at, k.expires_at, case when k.revoked_at > now() then k.revoked_at end) as expires_at,
      (u.id is null or u.deactivated_at is not null or u.role::text <> s.role
        or (s.session_id is not null and (ses.id is null or ses.revoked_at is not null or ses.expires_at <= now()))
        or (s.api_key_id is not null and (k.id is null or k.revoked_at <= now() or k.expires_at <= now()
          or km.role is null or k.workspace_id is distinct from a.workspace_id))
        or (a.id is not null and s.api_key_id is null and not s.staff and m.role is null)) as lapsed
    from jsonb_to_recordset(?::jsonb)
      as s(key text, audit_id uuid, user_id uuid, session_id uuid, api_key_id uuid, role text, staff boolean)
    left join audits a on a.id = s.audit_id
    left join users u on u.id = s.user_id
    left join sessions ses on ses.id = s.session_id
    left join api_keys k on k.id = s.api_key_id
    left join workspace_members m on m.workspace_id = a.workspace_id and m.user_id = s.user_id
    left join workspace_members km on km.workspace_id = k.workspace_id and km.user_id = s.user_id`,
} as const;

/** At most this many distinct (audit, credential) rows per statement. */
const ROWS_PER_STATEMENT = 5_000;

/** Who watches which audit, with what. */
export interface StreamSubject {
  auditId: string;
  userId: string;
  sessionId: string | null;
  apiKeyId: string | null;
  /** The viewer's role and staff standing as the stream's last full check saw them. */
  role: string;
  staff: boolean;
  /** When the credential itself stops working (an access token's `exp`), epoch ms. */
  credentialExpiresAt: number | null;
}

/** What the database says about a subject now. */
export interface SubjectFacts {
  /** The audit's stored state and workspace; null once it is gone. */
  state: AuditProgressEvent | null;
  workspaceId: string | null;
  /** Everything the viewer's access rests on, as one comparable text. */
  access: string;
  /** When the session or API key stops working by itself, epoch ms. */
  expiresAt: number | null;
  /** The facts contradict what the stream assumes: a full check is due now. */
  lapsed: boolean;
}

interface FollowedUser {
  streams: Set<Watched>;
  /** Streams opening or open. */
  holds: number;
  feed: AsyncIterator<unknown>;
}

interface Watched {
  subject: StreamSubject;
  /** The facts as of the stream's last full check. */
  access: string;
  /** The last event the stream sent. */
  last: AuditProgressEvent | undefined;
  /** Told once that its audit is gone. */
  toldGone: boolean;
  /** Makes the stream re-check itself now. */
  recheck: () => void;
}

export interface OpenStreamsOptions {
  /** Pause between two batched checks (shorter while the broker is down). */
  intervalMs: () => number;
  /** An event each time the user's access changes, from any replica. */
  accessChanges: (userId: string) => Promise<AsyncIterator<unknown>>;
  log: AppLogger;
}

/** The streams' handle on their entry: what they report back, and how they leave. */
export interface WatchHandle {
  sent(event: AuditProgressEvent): void;
  /** The facts read before the stream's latest successful full check, and who it found. */
  checked(access: string, viewer: Pick<StreamSubject, 'role' | 'staff'>): void;
  leave(): void;
}

type FactRow = {
  key: string;
  audit_id: string | null;
  workspace_id: string | null;
  status: AuditStatus | null;
  progress: number | null;
  stage: string | null;
  message: string | null;
  error: string | null;
  updated_at: Date | string | null;
  access: string;
  expires_at: Date | string | null;
  lapsed: boolean;
};

const subjectKey = (subject: StreamSubject) =>
  `${subject.auditId}:${subject.userId}:${subject.sessionId ?? ''}:${subject.apiKeyId ?? ''}:${subject.role}:${subject.staff}`;

/** The `exp` of a JWT access token (already verified by whoever accepted it), epoch ms. */
export function tokenExpiry(credential: string | undefined): number | null {
  const token = credential?.replace(/^Bearer\s+/i, '').trim() ?? '';
  const payload = token.split('.')[1];
  if (token.split('.').length !== 3 || !payload) return null;
  try {
    const { exp } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof exp === 'number' ? exp * 1000 : null;
  } catch {
    return null;
  }
}

export class OpenStreams {
  private readonly watched = new Set<Watched>();
  private readonly users = new Map<string, FollowedUser>();
  /** Full re-checks and batched checks running now: awaited by `close`. */
  private readonly running = new Set<Promise<unknown>>();
  private em: EntityManager | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly options: OpenStreamsOptions) {}

  get size(): number {
    return this.watched.size;
  }

  /**
   * Subscribes to the user's access changes (once per user, however many streams) before
   * anything is read, so that no change is missed. Returns the release, which `watch` takes over.
   */
  async listenTo(userId: string): Promise<() => void> {
    if (this.closed) throw new Error('progress streams are closed');
    let user = this.users.get(userId);
    if (!user) {
      const feed = await this.options.accessChanges(userId);
      user = this.users.get(userId);
      if (user)
        void feed.return?.(); // another stream of the user subscribed meanwhile
      else {
        user = { streams: new Set(), holds: 0, feed };
        this.users.set(userId, user);
        void this.follow(userId, user);
      }
    }
    user.holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.release(userId);
    };
  }

  /** The facts of one subject now (a stream's baseline, read after `listenTo`). */
  async read(em: EntityManager, subject: StreamSubject): Promise<SubjectFacts> {
    const facts = await this.readMany(em, [subject]);
    return facts.get(subjectKey(subject))!;
  }

  /** Registers an open stream (with the release `listenTo` gave): checked in the batches from now on. */
  watch(
    em: EntityManager,
    subject: StreamSubject,
    baseline: SubjectFacts,
    recheck: () => void,
    release: () => void,
  ): WatchHandle {
    this.em ??= em.fork();
    const entry: Watched = { subject, access: baseline.access, last: undefined, toldGone: false, recheck };
    this.watched.add(entry);
    this.users.get(subject.userId)?.streams.add(entry);
    this.schedule();
    return {
      sent: (event) => (entry.last = event),
      checked: (access, viewer) => {
        entry.access = access;
        entry.subject = { ...entry.subject, role: viewer.role, staff: viewer.staff };
      },
      leave: () => {
        this.watched.delete(entry);
        this.users.get(subject.userId)?.streams.delete(entry);
        release();
      },
    };
  }

  /** What open streams fork their work from (set by the first `watch`): never used to load. */
  get idleParent(): EntityManager {
    if (!this.em) throw new Error('no stream is watched yet');
    return this.em;
  }

  /** Keeps track of a stream's full re-check, so that closing waits for it. */
  track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    void work.then(
      () => this.running.delete(work),
      () => this.running.delete(work),
    );
    return work;
  }

  /** Stops checking (before the database closes): waits for the checks that are running. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    const feeds = [...this.users.values()].map((user) => user.feed.return?.());
    this.users.clear();
    await Promise.allSettled([...feeds, ...this.running]);
  }

  private release(userId: string): void {
    const user = this.users.get(userId);
    if (!user || --user.holds > 0) return;
    this.users.delete(userId);
    void user.feed.return?.();
  }

  private async follow(userId: string, user: FollowedUser) {
    try {
      for (;;) {
        const change = await user.feed.next();
        if (change.done) return;
        // One statement for the user's streams; those whose facts changed re-check in full
        // (every one of them when that statement fails).
        const streams = [...user.streams];
        void this.track(this.check(streams)).catch((error: unknown) => {
          this.options.log.warn({ err: error, userId }, 'access change checked stream by stream');
          for (const entry of streams) entry.recheck();
        });
      }
    } catch (error) {
      this.options.log.warn({ err: error, userId }, 'access changes no longer followed');
    }
  }

  private schedule(): void {
    if (this.timer || this.closed || !this.watched.size) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const tick = this.track(this.checkAll()).catch((error: unknown) =>
        this.options.log.warn({ err: error }, 'batched progress-stream check failed'),
      );
      void tick.finally(() => this.schedule());
    }, this.options.intervalMs());
    this.timer.unref();
  }

  /** One statement for every distinct subject; the streams that need it re-check themselves. */
  private checkAll(): Promise<void> {
    return this.check([...this.watched]);
  }

  private async check(entries: Watched[]): Promise<void> {
    if (!this.em || !entries.length || this.closed) return;
    const subjects = new Map<string, StreamSubject>();
    for (const entry of entries) subjects.set(subjectKey(entry.subject), entry.subject);
    const facts = await this.readMany(this.em, [...subjects.values()]);
    const now = Date.now();
    for (const entry of entries) {
      if (!this.watched.has(entry)) continue;
      const fact = facts.get(subjectKey(entry.subject));
      if (fact && this.needsRecheck(entry, fact, now)) entry.recheck();
    }
  }

  private needsRecheck(entry: Watched, fact: SubjectFacts, now: number): boolean {
    if (fact.lapsed || fact.access !== entry.access) return true;
    const expiresAt = Math.min(fact.expiresAt ?? Infinity, entry.subject.credentialExpiresAt ?? Infinity);
    if (expiresAt <= now) return true;
    const stored = fact.state;
    if (!stored) {
      if (entry.toldGone) return false;
      entry.toldGone = true;
      return true;
    }
    const last = entry.last;
    if (!last) return false;
    const behind = TERMINAL_STATUSES.includes(stored.status) || stored.at > last.at;
    return behind && !sameProgress(stored, last);
  }

  private async readMany(em: EntityManager, subjects: StreamSubject[]): Promise<Map<string, SubjectFacts>> {
    const facts = new Map<string, SubjectFacts>();
    for (let start = 0; start < subjects.length; start += ROWS_PER_STATEMENT) {
      const rows = subjects.slice(start, start + ROWS_PER_STATEMENT).map((subject) => ({
        key: subjectKey(subject),
        audit_id: subject.auditId,
        user_id: subject.userId,
        session_id: subject.sessionId,
        api_key_id: subject.apiKeyId,
        role: subject.role,
        staff: subject.staff,
      }));
      const found = await em.getConnection().execute<FactRow[]>(SQL.facts, [JSON.stringify(rows)]);
      for (const row of found) facts.set(row.key, factsOf(row));
    }
    return facts;
  }
}

function factsOf(row: FactRow): SubjectFacts {
  return {
    state:
      row.audit_id && row.status && row.updated_at
        ? {
            auditId: row.audit_id,
            status: row.status,
            progress: row.progress ?? 0,
            stage: row.stage,
            message: row.message,
            error: row.error,
            at: new Date(row.updated_at).toISOString(),
          }
        : null,
    workspaceId: row.workspace_id,
    access: row.access,
    expiresAt: row.expires_at ? new Date(row.expires_at).getTime() : null,
    lapsed: row.lapsed,
  };
}
