/**
 * `Client.duplicate`: copies a Hugging Face Space into the token's account and connects to the copy, as the
 * official client's `duplicate` does (`GET /api/whoami-v2`, the original's hardware from `…/runtime`,
 * `POST /api/spaces/{id}/duplicate`; an existing copy, HTTP 409, is reused). Loaded on first use.
 * @module
 */
import { AuthError, InputError, SpaceError } from "../errors.js";
import { timeLimit } from "../http/timeouts.js";
import type { ClientOptions } from "./client.js";
import { hubJson, hubReason, hubRequest } from "./hub.js";

/**
 * Options of {@link Client.duplicate}: those of `Client.connect` (used to connect to the copy), and what the copy is.
 */
export interface DuplicateOptions extends ClientOptions {
  /** A Hugging Face token that may create Spaces (write access): the copy is created in its account. Required. */
  readonly token: string;
  /** Make the copy private. Default `false`. */
  readonly private?: boolean;
  /**
   * The copy's hardware flavor (`"cpu-basic"`, `"t4-small"`, `"zero-a10g"`, `"a10g-small"`…). Default: the original's.
   * Paid hardware is billed to the token's account.
   */
  readonly hardware?: string;
  /**
   * Seconds without requests after which the copy sleeps (and stops billing). Default 300 on paid hardware, as the
   * official client sets; not sent for `cpu-basic`, which the Hub puts to sleep after 48 h on its own.
   */
  readonly sleepTime?: number;
  /** The copy's name in the token's account. Default: the original's name. */
  readonly name?: string;
}

const SPACE_ID = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

/** Duplicates `spaceId` (or reuses the token's existing copy) and connects to the copy with `connect`. */
export async function duplicateSpace<C>(
  spaceId: string,
  options: DuplicateOptions,
  connect: (copyId: string, options: ClientOptions) => Promise<C>,
): Promise<C> {
  const token = typeof options?.token === "string" ? options.token.trim() : "";
  if (!token) {
    throw new AuthError(
      "Client.duplicate needs `token`: a Hugging Face token with write access, as the copy is created in its " +
        "account (https://huggingface.co/settings/tokens).",
      0,
    );
  }
  const name = options.name ?? spaceId.split("/")[1] ?? "";
  if (!SPACE_ID.test(spaceId) || !SPACE_ID.test(`x/${name}`)) {
    throw new InputError(
      `Client.duplicate takes a Space id (owner/name), got ${JSON.stringify(spaceId)}${options.name === undefined ? "" : ` and name ${JSON.stringify(options.name)}`}.`,
    );
  }
  if (
    options.hardware !== undefined &&
    (typeof options.hardware !== "string" || !/^[a-z0-9-]+$/.test(options.hardware))
  ) {
    throw new InputError(
      `hardware must be a flavor name such as "t4-small", got ${JSON.stringify(options.hardware)}.`,
    );
  }
  if (options.sleepTime !== undefined && !(typeof options.sleepTime === "number" && options.sleepTime > 0)) {
    throw new InputError(
      `sleepTime must be a positive number of seconds, got ${JSON.stringify(options.sleepTime)}.`,
    );
  }
  const access = { fetch: options.fetch, token, hubUrl: options.hubUrl };
  // Each Hub request gets connectTimeout, as each step of a connect does.
  const timeoutMs = timeLimit("connectTimeout", options.connectTimeout, 30_000);

  const whoami = await hubRequest("/api/whoami-v2", access, "Finding the token's account", { timeoutMs });
  const account = await hubJson(whoami);
  if (!whoami.ok || typeof account?.name !== "string") {
    throw new AuthError(
      `The Hub refused the token (${hubReason(account, whoami.status)}): check it, and that it has write access.`,
      whoami.status,
    );
  }
  const copyId = `${account.name}/${name}`;

  let hardware = options.hardware;
  if (hardware === undefined) {
    const runtime = await hubRequest(`/api/spaces/${spaceId}/runtime`, access, `Reading Space ${spaceId}`, {
      timeoutMs,
    });
    const body = await hubJson(runtime);
    if (!runtime.ok) {
      throw new AuthError(
        `Space ${spaceId} was not found, or the token cannot read it (${hubReason(body, runtime.status)}).`,
        runtime.status,
      );
    }
    const flavor = body?.hardware as { current?: unknown; requested?: unknown } | undefined;
    hardware = [flavor?.current, flavor?.requested].find((value) => typeof value === "string") as
      | string
      | undefined;
    hardware ??= "cpu-basic";
  }

  const sleepTime = options.sleepTime ?? (hardware === "cpu-basic" ? undefined : 300);
  const response = await hubRequest(
    `/api/spaces/${spaceId}/duplicate`,
    access,
    `Duplicating Space ${spaceId}`,
    {
      method: "POST",
      timeoutMs,
      body: {
        repository: copyId,
        hardware,
        ...(options.private ? { private: true } : {}),
        ...(sleepTime === undefined ? {} : { sleepTimeSeconds: sleepTime }),
      },
    },
  );
  const answer = await hubJson(response);
  if (response.ok || response.status === 409) {
    // The Hub answers the copy's page (`{hub}/spaces/owner/name`); a 409 means the token's account has it already.
    const url = typeof answer?.url === "string" ? answer.url : "";
    const id = /\/spaces\/([^/]+\/[^/?#]+)/.exec(url)?.[1] ?? copyId;
    return connect(id, { ...options, token });
  }
  const reason = hubReason(answer, response.status);
  if (response.status === 401 || response.status === 403 || response.status === 404) {
    throw new AuthError(
      `The Hub refused to duplicate ${spaceId} into ${copyId}: ${reason}.`,
      response.status,
    );
  }
  if (response.status === 400 || response.status === 422) {
    throw new InputError(
      `The Hub refused to duplicate ${spaceId}: ${reason} (hardware ${JSON.stringify(hardware)}).`,
    );
  }
  throw new SpaceError(spaceId, "DUPLICATE", `Duplicating Space ${spaceId} failed: ${reason}.`);
}
