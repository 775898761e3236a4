/**
 * `gr.render`: a render function's completion carries `output.render_config` (`{render_id, components,
 * dependencies, layout}`, protocol §4.4), the blocks it just drew in the session. Its dependencies are events with
 * fn indexes and api names of their own, callable in that session from then on; a new run of the same render replaces
 * them. This merges them into the client's copy of the config, as the official client does.
 * @module
 */
import type { ConfigComponent, ConfigDependency, GradioConfig } from "../wire/endpoints.js";
import { isObject } from "../wire/messages.js";

/** The blocks one run of a render function drew: what `output.render_config` holds. */
export interface RenderConfig {
  /** Which `@gr.render` drew them (the render function's `render_id`). */
  readonly render_id: number;
  readonly components: readonly ConfigComponent[];
  readonly dependencies: readonly ConfigDependency[];
  readonly [key: string]: unknown;
}

/** The `render_config` of a completion's `output`, or `null` when it has none (every non-render event). */
export function renderConfigOf(output: unknown): RenderConfig | null {
  const candidate = isObject(output) ? output.render_config : null;
  if (!isObject(candidate) || typeof candidate.render_id !== "number") return null;
  if (!Array.isArray(candidate.components) || !Array.isArray(candidate.dependencies)) return null;
  return candidate as unknown as RenderConfig;
}

/**
 * `config` with the blocks of `render` in place of those an earlier run of the same render drew. Components say
 * where they were drawn in `rendered_in` (6.x, top level) or `props.rendered_in` (5.x).
 *
 * @example
 * ```ts
 * const next = applyRender(client.config, renderConfigOf(completion.output)!);
 * describeEndpoints(next, info); // now with the rendered events
 * ```
 */
export function applyRender(config: GradioConfig, render: RenderConfig): GradioConfig {
  const id = render.render_id;
  const drawnHere = (component: ConfigComponent) =>
    (component.rendered_in ?? component.props?.rendered_in) === id;
  return {
    ...config,
    components: [...config.components.filter((c) => !drawnHere(c)), ...render.components],
    dependencies: [...config.dependencies.filter((d) => d.rendered_in !== id), ...render.dependencies],
  };
}
