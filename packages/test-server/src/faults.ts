/** Routes a fault rule can target; "*" matches every request. */
export type FaultRoute = "config" | "info" | "join" | "stream" | "upload" | "cancel" | "login" | "file" | "*";

/** One injected fault; it applies to the next `times` (default 1, Infinity allowed) matching requests. */
export type FaultRule = { route: FaultRoute; times?: number } & (
  | { status: number; body?: string; contentType?: string }
  | { delayMs: number }
  | { dropAfterFrames: number }
  | { rawFrames: string[]; afterFrames?: number }
  | { stall: true }
);

/** Adds and clears fault rules at run time (`server.faults`). */
export interface FaultController {
  add(rule: FaultRule): void;
  clear(): void;
}

/** Stream-only effects for one SSE response. */
export interface StreamFault {
  /** Destroy the socket abruptly after this many data frames. */
  dropAfterFrames?: number;
  /** Write these raw strings after `afterFrames` frames. */
  rawFrames?: { frames: string[]; afterFrames: number };
  /** Send headers, then nothing ever. */
  stall?: boolean;
}

/** What the faults say about one request. */
export interface RequestFaults {
  status?: { status: number; body: string; contentType: string };
  delayMs: number;
  stream: StreamFault;
}

interface ActiveRule {
  rule: FaultRule;
  remaining: number;
}

function isStreamRule(rule: FaultRule): boolean {
  return "dropAfterFrames" in rule || "rawFrames" in rule || "stall" in rule;
}

function defaultContentType(body: string): string {
  try {
    JSON.parse(body);
    return "application/json";
  } catch {
    return "text/plain; charset=utf-8";
  }
}

/** The fault rules of one server. */
export class FaultRegistry implements FaultController {
  private rules: ActiveRule[] = [];

  add(rule: FaultRule): void {
    this.rules.push({ rule, remaining: rule.times ?? 1 });
  }

  clear(): void {
    this.rules = [];
  }

  /**
   * Consumes the rules that match a request on `routes`. Stream rules only match SSE responses
   * (`isStream`); every other kind matches any route.
   */
  take(routes: readonly FaultRoute[], isStream: boolean): RequestFaults {
    const faults: RequestFaults = { delayMs: 0, stream: {} };
    for (const active of this.rules) {
      const { rule } = active;
      if (active.remaining <= 0) continue;
      if (rule.route !== "*" && !routes.includes(rule.route)) continue;
      if (isStreamRule(rule) && !isStream) continue;
      active.remaining -= 1;
      if ("status" in rule && !faults.status) {
        const body = rule.body ?? JSON.stringify({ detail: "Injected fault" });
        faults.status = {
          status: rule.status,
          body,
          contentType: rule.contentType ?? defaultContentType(body),
        };
      } else if ("delayMs" in rule) faults.delayMs += rule.delayMs;
      else if ("dropAfterFrames" in rule) faults.stream.dropAfterFrames = rule.dropAfterFrames;
      else if ("rawFrames" in rule)
        faults.stream.rawFrames = { frames: rule.rawFrames, afterFrames: rule.afterFrames ?? 0 };
      else if ("stall" in rule) faults.stream.stall = true;
    }
    this.rules = this.rules.filter((active) => active.remaining > 0);
    return faults;
  }
}
