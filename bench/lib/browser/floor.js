/**
 * Not a client: the raw-fetch baseline (../floor-client.js, the same code the Node benchmark runs), in the page.
 */
import { connectFloor } from "../floor-client.js";
import { install } from "./harness.js";

install(connectFloor);
