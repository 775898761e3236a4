import { describe, expect, it } from "vitest";
import { describeEndpoints, type GradioConfig } from "./endpoints.js";

const config = (dependency: Record<string, unknown>): GradioConfig => ({
  components: [{ id: 1, type: "textbox" }],
  dependencies: [{ id: 0, api_name: "echo", inputs: [1], outputs: [1], ...dependency }],
});
const info = (endpoint: Record<string, unknown>) => ({
  named_endpoints: { "/echo": { parameters: [], returns: [], ...endpoint } },
});

describe("endpoint description and time limit", () => {
  it("takes /info's description (api_description or the docstring), else a string api_description", () => {
    const [fromInfo] = describeEndpoints(config({ api_description: null }), info({ description: "Echoes." }));
    expect(fromInfo?.description).toBe("Echoes.");
    // 6.25 /info says "" when there is nothing to say (config.txt, info.txt): null.
    expect(
      describeEndpoints(config({ api_description: null }), info({ description: "" }))[0]?.description,
    ).toBeNull();
    // 5.14 /info has no description; without /info the config's string is used, `false` means none.
    expect(describeEndpoints(config({ api_description: "Given." }), info({}))[0]?.description).toBe("Given.");
    expect(describeEndpoints(config({ api_description: "Given." }), null)[0]?.description).toBe("Given.");
    expect(describeEndpoints(config({ api_description: false }), null)[0]?.description).toBeNull();
    expect(describeEndpoints(config({}), null)[0]?.description).toBeNull();
  });

  it("reads time_limit in seconds, null when absent or null", () => {
    expect(describeEndpoints(config({ time_limit: 30 }), null)[0]?.timeLimit).toBe(30);
    expect(describeEndpoints(config({ time_limit: null }), null)[0]?.timeLimit).toBeNull();
    expect(describeEndpoints(config({}), null)[0]?.timeLimit).toBeNull();
  });
});
