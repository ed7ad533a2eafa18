// graphql-transport-ws `next` messages framed once and written as they are. A server's
// WebSocket frames are not masked (RFC 6455 §5.1), so the bytes of one text frame are the same
// for every connection: the frame `{"id":<id>,"type":"next","payload":<result>}` is built once
// per result and id (the payload part once per result) and written to each subscriber's socket
// with one write — what `ws` itself does after framing, without framing it again per socket.
import type { WebSocket } from 'ws';

const FIN_TEXT = 0x81;

/** The header of an unmasked, final text frame carrying `length` bytes. */
function header(length: number): Buffer {
  if (length < 126) return Buffer.from([FIN_TEXT, length]);
  if (length < 65_536) {
    const bytes = Buffer.allocUnsafe(4);
    bytes[0] = FIN_TEXT;
    bytes[1] = 126;
    bytes.writeUInt16BE(length, 2);
    return bytes;
  }
  const bytes = Buffer.allocUnsafe(10);
  bytes[0] = FIN_TEXT;
  bytes[1] = 127;
  bytes.writeBigUInt64BE(BigInt(length), 2);
  return bytes;
}

/** How many bytes of a frame built here are its header. */
function headerLength(frame: Buffer): number {
  const length = frame[1]! & 0x7f;
  return length === 127 ? 10 : length === 126 ? 4 : 2;
}

/** The `next` frames of one result: the part after the id encoded once, the frame of the first id kept. */
export class NextFrames {
  private readonly tail: Buffer;
  private sharedId: string | undefined;
  private sharedFrame: Buffer | undefined;

  constructor(payloadJson: string) {
    this.tail = Buffer.from(`,"type":"next","payload":${payloadJson}}`);
  }

  /** The whole frame for subscription `id` (subscribers of one client library often share ids). */
  for(id: string): Buffer {
    if (id === this.sharedId) return this.sharedFrame!;
    const head = Buffer.from(`{"id":${JSON.stringify(id)}`);
    const length = head.length + this.tail.length;
    const frame = Buffer.concat([header(length), head, this.tail]);
    if (this.sharedId === undefined) {
      this.sharedId = id;
      this.sharedFrame = frame;
    }
    return frame;
  }
}

/** The parts of `ws`'s WebSocket a direct write relies on (ws 8), checked before each use. */
interface WsInternals {
  _socket?: { write(chunk: Buffer): boolean } | null;
  _sender?: { _state?: unknown; _queue?: unknown[]; _firstFragment?: unknown } | null;
}

/**
 * Writes a frame built by `NextFrames` to an open socket. Straight to the TCP socket, as `ws`'s
 * own `Sender.sendFrame` does, when nothing of ws's is pending on it: its sender idle (no
 * deflate or blob read in progress, nothing queued behind one — this server never compresses)
 * and between messages; otherwise, or should ws's internals ever differ, through `ws.send`
 * with the payload, which frames and queues as usual. Either way the bytes on the wire are one
 * whole frame, in order with everything else sent on the socket.
 */
export function writeFrame(socket: WebSocket, frame: Buffer): void {
  const { _socket: tcp, _sender: sender } = socket as unknown as WsInternals;
  if (
    tcp &&
    sender &&
    sender._state === 0 &&
    Array.isArray(sender._queue) &&
    sender._queue.length === 0 &&
    sender._firstFragment === true
  ) {
    tcp.write(frame);
    return;
  }
  socket.send(frame.subarray(headerLength(frame)), { binary: false, compress: false, fin: true });
}

/** Frames queued before a burst is written at once. */
const BURST = 256;

/**
 * Frames written in bursts rather than one at a time between the subscribers' streams: on
 * loopback and on a busy host a write that finds its reader asleep also pays for waking it, and
 * written together the frames of one event find it awake more often (bench: 23–26 → 20–22 µs of
 * API CPU per delivery at 10,000 subscribers, before the express lane). Queued frames are
 * written when `BURST` are waiting, or once the current turn is over (`setImmediate`), in order;
 * anything else sent on a socket goes through `sendNow`, which writes what is queued first, so
 * that no message overtakes an event queued before it (a `complete` after the last `next`).
 */
export class FrameBatch {
  private sockets: WebSocket[] = [];
  private frames: Buffer[] = [];
  private scheduled = false;

  /** Queues one frame built by `NextFrames` for an open socket. */
  add(socket: WebSocket, frame: Buffer): void {
    this.sockets.push(socket);
    this.frames.push(frame);
    if (this.sockets.length >= BURST) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.flush);
    }
  }

  /** Sends on a socket after writing every queued frame (to a closing socket: nothing). */
  sendNow(socket: WebSocket, data: string): void {
    this.flush();
    if (socket.readyState === socket.OPEN) socket.send(data);
  }

  /** Writes the queued frames to the sockets still open, in the order they were queued. */
  readonly flush = (): void => {
    this.scheduled = false;
    const { sockets, frames } = this;
    if (!sockets.length) return;
    this.sockets = [];
    this.frames = [];
    for (let i = 0; i < sockets.length; i++) {
      const socket = sockets[i]!;
      if (socket.readyState === socket.OPEN) writeFrame(socket, frames[i]!);
    }
  };
}
