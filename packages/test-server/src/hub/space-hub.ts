/**
 * A model of the Hugging Face Hub's Space API, enough for the SDK's Space features: resolving ids, Space stages that
 * change while a client watches (sleeping → starting → running, build errors), waking, duplicating with a token.
 *
 * There is no Hub access here, so this is modelled, not measured: on the official JS client's code
 * (`@gradio/client` 2.7: `helpers/spaces.ts` `check_space_status`/`check_and_wake_space`, `utils/duplicate.ts`) and
 * the Hub's public docs (`huggingface_hub`'s `SpaceStage`, `SpaceRuntime`, `duplicate_space`). Where they leave
 * something open, the choice is written down where it is made.
 * @module
 */

/** `runtime.stage` values the Hub reports (huggingface_hub's `SpaceStage`, plus `SLEEPING` that Gradio's client reads). */
export type HubStage =
  | "RUNNING"
  | "RUNNING_BUILDING"
  | "RUNNING_APP_STARTING"
  | "BUILDING"
  | "APP_STARTING"
  | "SLEEPING"
  | "STOPPED"
  | "PAUSED"
  | "BUILD_ERROR"
  | "RUNTIME_ERROR"
  | "CONFIG_ERROR"
  | "NO_APP_FILE"
  | "DELETING";

/** One stage of a scripted Space: answered to `reads` status reads (default 1), then the next one follows. */
export interface SpaceStep {
  readonly stage: HubStage;
  readonly reads?: number;
  /** `runtime.errorMessage`, the Hub's reason for an error stage (e.g. the failing build step). */
  readonly errorMessage?: string;
}

/** How a Space behaves. Every field is optional. */
export interface SpaceScript {
  /**
   * The stages its status reads answer, in order; the last one stays. Default `[{ stage: "RUNNING" }]`. A read of a
   * `SLEEPING` Space is what wakes it: the official client's `check_and_wake_space` sends nothing else while a Space
   * sleeps ("Space is asleep. Waking it up..."), so the model wakes a Space on that read.
   */
  readonly stages?: readonly SpaceStep[];
  /** A private Space answers 404 to requests without a valid token, as the Hub does for repos you cannot see. */
  readonly private?: boolean;
  /** `runtime.hardware.current`. Default `"cpu-basic"`. */
  readonly hardware?: string;
  /** `runtime.gcTimeout` (seconds before it sleeps), `null` for the Hub's default. */
  readonly sleepTime?: number | null;
}

/** Options of the Hub model (`startTestServer({ hub })`). */
export interface HubOptions {
  /**
   * The user every valid token belongs to (`whoami-v2`'s `name`). Default `"test-user"`. A valid token is any
   * `hf_…` token except `"hf_invalid"` (the Hub answers 401 to unknown tokens).
   */
  readonly user?: string;
  /**
   * Spaces known from the start, by `owner/name`. Any other id is a running public Space, except for owner `missing`
   * and the token user's own Spaces (only those defined or duplicated exist).
   */
  readonly spaces?: Readonly<Record<string, SpaceScript>>;
  /** The stages of a new copy made by `POST …/duplicate`. Default: `BUILDING` for 2 reads, then `RUNNING`. */
  readonly duplicateStages?: readonly SpaceStep[];
}

/** What a test can see of one Space. */
export interface SpaceRecord {
  readonly id: string;
  /** The stage the next status read answers. */
  readonly stage: HubStage;
  /** Every stage status reads answered, in order: what a client was told. */
  readonly answered: readonly HubStage[];
  readonly private: boolean;
  readonly hardware: string;
  readonly sleepTime: number | null;
  /** The Space it was duplicated from, if it is a copy. */
  readonly duplicatedFrom: string | null;
}

/** The hardware flavors the Hub accepts (huggingface_hub's `SpaceHardware` and @gradio/client's `hardware_types`). */
export const HARDWARE = new Set([
  "cpu-basic",
  "cpu-upgrade",
  "cpu-xl",
  "zero-a10g",
  "t4-small",
  "t4-medium",
  "l4x1",
  "l4x4",
  "l40sx1",
  "l40sx4",
  "l40sx8",
  "a10g-small",
  "a10g-large",
  "a10g-largex2",
  "a10g-largex4",
  "a100-large",
  "a100x4",
  "a100x8",
  "h100",
  "h100x8",
]);

/** The subdomain Hugging Face gives a Space: lowercased, `_` and `.` turned into `-`. */
export function spaceSubdomain(spaceId: string): string {
  return spaceId.replace("/", "-").toLowerCase().replace(/[_.]/g, "-");
}

interface SpaceState {
  readonly id: string;
  readonly steps: readonly SpaceStep[];
  step: number;
  readsInStep: number;
  readonly answered: HubStage[];
  private: boolean;
  hardware: string;
  sleepTime: number | null;
  duplicatedFrom: string | null;
}

/** The answer to a duplicate request. */
export type DuplicateOutcome =
  | { readonly status: 200; readonly repository: string }
  | { readonly status: 400 | 401 | 403 | 404 | 409; readonly error: string; readonly repository?: string };

/** The Hub's state: its Spaces and who the tokens belong to. */
export class SpaceHub {
  readonly user: string;
  readonly #spaces = new Map<string, SpaceState>();
  readonly #duplicateStages: readonly SpaceStep[];

  constructor(options: HubOptions = {}) {
    this.user = options.user ?? "test-user";
    this.#duplicateStages = options.duplicateStages ?? [
      { stage: "BUILDING", reads: 2 },
      { stage: "RUNNING" },
    ];
    for (const [id, script] of Object.entries(options.spaces ?? {})) this.define(id, script);
  }

  /** Adds (or replaces) a Space. */
  define(id: string, script: SpaceScript = {}, duplicatedFrom: string | null = null): void {
    const steps = script.stages?.length ? script.stages : [{ stage: "RUNNING" as const }];
    this.#spaces.set(id, {
      id,
      steps,
      step: 0,
      readsInStep: 0,
      answered: [],
      private: script.private ?? false,
      hardware: script.hardware ?? "cpu-basic",
      sleepTime: script.sleepTime ?? null,
      duplicatedFrom,
    });
  }

  /** A copy of a Space's state, or `undefined` for a Space the Hub does not know. */
  space(id: string): SpaceRecord | undefined {
    const state = this.#spaces.get(id);
    if (!state) return undefined;
    return {
      id: state.id,
      stage: this.#step(state).stage,
      answered: [...state.answered],
      private: state.private,
      hardware: state.hardware,
      sleepTime: state.sleepTime,
      duplicatedFrom: state.duplicatedFrom,
    };
  }

  /** The user a `Bearer` token belongs to, or `null` for a missing or refused token. */
  userOf(authorization: string | undefined): string | null {
    const token = /^Bearer (\S+)$/i.exec(authorization ?? "")?.[1];
    return token?.startsWith("hf_") && token !== "hf_invalid" ? this.user : null;
  }

  /** Whether a request with this token may see the Space (unknown and private-without-token Spaces: no). */
  visible(id: string, authorization: string | undefined): boolean {
    const state = this.#find(id);
    return state !== undefined && (!state.private || this.userOf(authorization) !== null);
  }

  /** Finds a Space by its subdomain (`owner-name`). */
  bySubdomain(subdomain: string): string | undefined {
    for (const id of this.#spaces.keys()) if (spaceSubdomain(id) === subdomain) return id;
    return undefined;
  }

  /**
   * `runtime` as `GET /api/spaces/{id}` answers it. `advance`: this is a status read, which moves the script on
   * (and wakes a sleeping Space); `GET …/runtime` only looks.
   */
  runtime(id: string, advance: boolean): Record<string, unknown> {
    const state = this.#find(id);
    if (!state) throw new Error(`unknown Space ${id}`);
    const step = this.#step(state);
    if (advance) {
      state.answered.push(step.stage);
      state.readsInStep += 1;
      if (state.readsInStep >= (step.reads ?? 1) && state.step < state.steps.length - 1) {
        state.step += 1;
        state.readsInStep = 0;
      }
    }
    return {
      stage: step.stage,
      hardware: { current: step.stage === "BUILDING" ? null : state.hardware, requested: state.hardware },
      gcTimeout: state.sleepTime,
      ...(step.errorMessage === undefined ? {} : { errorMessage: step.errorMessage }),
    };
  }

  /**
   * `POST /api/spaces/{from}/duplicate`: the token's user may create `repository` in their own namespace; a repo
   * that exists answers 409 (the official client then connects to it).
   */
  duplicate(from: string, authorization: string | undefined, body: unknown): DuplicateOutcome {
    const user = this.userOf(authorization);
    if (user === null) return { status: 401, error: "Invalid credentials in Authorization header" };
    if (!this.visible(from, authorization)) return { status: 404, error: "Repository not found" };
    const request = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
    const repository = request.repository;
    if (typeof repository !== "string" || !/^[^/]+\/[^/]+$/.test(repository)) {
      return { status: 400, error: '"repository" must be "namespace/name"' };
    }
    if (!repository.startsWith(`${user}/`)) {
      return {
        status: 403,
        error: `You don't have the rights to create a Space under ${repository.split("/")[0]}`,
      };
    }
    const hardware = request.hardware ?? this.#find(from)?.hardware ?? "cpu-basic";
    if (typeof hardware !== "string" || !HARDWARE.has(hardware)) {
      return { status: 400, error: `Invalid hardware ${JSON.stringify(hardware)}` };
    }
    if (this.#spaces.has(repository)) {
      return { status: 409, error: "You already created this space repo", repository };
    }
    const sleepTime = request.sleepTimeSeconds;
    this.define(
      repository,
      {
        stages: this.#duplicateStages,
        private: request.private === true,
        hardware,
        sleepTime: typeof sleepTime === "number" ? sleepTime : null,
      },
      from,
    );
    return { status: 200, repository };
  }

  /** `POST /api/spaces/{id}/sleeptime`: only the owner may change it. Returns the HTTP status. */
  setSleepTime(id: string, authorization: string | undefined, seconds: unknown): 200 | 400 | 401 | 403 | 404 {
    const user = this.userOf(authorization);
    if (user === null) return 401;
    const state = this.#find(id);
    if (!state || !this.visible(id, authorization)) return 404;
    if (!id.startsWith(`${user}/`)) return 403;
    if (typeof seconds !== "number") return 400;
    state.sleepTime = seconds;
    return 200;
  }

  #find(id: string): SpaceState | undefined {
    const known = this.#spaces.get(id);
    if (known) return known;
    const owner = id.split("/")[0];
    if (owner === "missing" || owner === this.user || !/^[^/]+\/[^/]+$/.test(id)) return undefined;
    // Any other Space exists and runs (the SDK's older tests connect to arbitrary ids); the token user's namespace
    // holds only what was defined or duplicated, so that a copy is new until it is made.
    this.define(id);
    return this.#spaces.get(id);
  }

  #step(state: SpaceState): SpaceStep {
    return state.steps[state.step] ?? { stage: "RUNNING" };
  }
}
