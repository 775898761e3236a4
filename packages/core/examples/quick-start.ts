import { AppError, Client, QueueFullError } from "@gradio-jobs/core";

const app = process.env.GRADIO_APP ?? "http://127.0.0.1:7860"; // or a Space id: "owner/name"
const client = await Client.connect(app);

// One call, one result (positional arguments, or by parameter name with defaults filled in):
const [sum] = await client.predict("/predict", { a: 4, op: "add", b: 5 }); // [9]
console.log("sum", sum);

// A job you can watch and cancel:
const job = client.submit("/count", [5]);
job.$status.subscribe(({ stage, code, rank, queueSize, eta, progress }) => {
  console.log(stage, code, rank, queueSize, eta, progress);
});
for await (const [n] of job) console.log("yielded", n); // 0 1 2 3 4, each once
try {
  console.log(await job.result({ timeout: 30_000 })); // [4]
} catch (error) {
  if (error instanceof QueueFullError) console.log("busy, try later:", error.detail);
  else if (error instanceof AppError) console.log(error.title, error.serverMessage);
  else throw error;
} finally {
  client.close(); // ends the session; in Node an open client keeps the process alive
}
