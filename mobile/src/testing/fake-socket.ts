// The chat socket's server side in tests: records how the app connected
// (its URL and handshake headers) and lets a test push frames to it.
import { act } from "@testing-library/react-native";

export class FakeWebSocket {
  static OPEN = 1;
  static all: FakeWebSocket[] = [];
  readyState = 0;
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  readonly sent: string[] = [];

  constructor(
    readonly url: string,
    readonly protocols: unknown,
    readonly options: { headers?: Record<string, string> } = {},
  ) {
    FakeWebSocket.all.push(this);
    setTimeout(() => {
      this.readyState = FakeWebSocket.OPEN;
      this.onopen?.();
    }, 0);
  }

  static install() {
    FakeWebSocket.all = [];
    globalThis.WebSocket = FakeWebSocket as unknown as typeof WebSocket;
  }

  static latest(): FakeWebSocket {
    const socket = FakeWebSocket.all.at(-1);
    if (!socket) throw new Error("the app opened no chat socket");
    return socket;
  }

  send(data: string) {
    this.sent.push(data);
  }

  close() {
    this.readyState = 3;
    this.onclose?.({ code: 1000 });
  }

  /** The server closes the socket with `code` (4401: its token was revoked). */
  async closedByServer(code: number) {
    await act(async () => {
      this.readyState = 3;
      this.onclose?.({ code });
    });
  }

  /** The server pushes a frame. */
  async push(frame: unknown) {
    await act(async () => this.onmessage?.({ data: JSON.stringify(frame) }));
  }
}
