/**
 * The Gradio version the bench's test servers model: 5.14, the dialect every figure in RESULTS.md has been measured
 * on since issue #7, so that runs stay comparable (the test server's own default is 6.25 since issue #15).
 */
export const BENCH_GRADIO = "5.14.0";
