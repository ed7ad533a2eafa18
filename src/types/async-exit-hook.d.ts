// The part of async-exit-hook we use (it ships no types).
declare module 'async-exit-hook' {
  const exitHook: { unhookEvent(event: string): void };
  export default exitHook;
}
