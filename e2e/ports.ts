/** Where the end-to-end run's servers listen (away from `scripts/dev.sh`'s 7860, 7870 and 5173, so both can run at once). */
export const ports = {
  gradio: Number(process.env.E2E_GRADIO_PORT ?? 17860),
  control: Number(process.env.E2E_CONTROL_PORT ?? 17861),
  work: Number(process.env.E2E_WORK_PORT ?? 17862),
  stream: Number(process.env.E2E_STREAM_PORT ?? 17863),
  playground: Number(process.env.E2E_PLAYGROUND_PORT ?? 14173),
};

/** The demo endpoints' speed: 0.5 keeps queue positions, progress and streams visible while halving the waits. */
export const timeScale = Number(process.env.E2E_TIME_SCALE ?? 0.5);

export const gradioUrl = `http://127.0.0.1:${ports.gradio}`;
export const controlUrl = `http://127.0.0.1:${ports.control}`;
/** The work app's test server (the cancel page's app), at time scale 1: `/work` takes 1.5 s as on real Gradio. */
export const workUrl = `http://127.0.0.1:${ports.work}`;
/** The stream app's test server (the streaming-inputs page's app): `.stream()` events and their chunk log. */
export const streamUrl = `http://127.0.0.1:${ports.stream}`;
export const playgroundUrl = `http://127.0.0.1:${ports.playground}`;
