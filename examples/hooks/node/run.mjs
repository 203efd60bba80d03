// Runs the Lambda handler in index.mjs as a local command, the way Slipway's
// function invoker calls a "command:" target: the event JSON arrives on stdin.
// Exit status 0 when the handler finished (the status it reported, Succeeded or
// Failed, is in the log line); 1 when the event was unreadable or the report failed.

// The SDK prints a multi-line NodeVersionSupportWarning on Node.js < 22 (newer SDK
// releases will require 22). Node.js 20 is the supported target here, so keep the
// hook's stderr to its own log line unless the caller has chosen otherwise.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const { handler } = await import("./index.mjs");

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

try {
  const text = await readStdin();
  let event;
  try {
    event = JSON.parse(text.trim());
  } catch (err) {
    throw new Error(`stdin is not a JSON event: ${err.message}`);
  }
  await handler(event);
  process.exit(0);
} catch (err) {
  const fn = process.env.AWS_LAMBDA_FUNCTION_NAME || "hook";
  console.error(`${fn}: error: ${err.name}: ${err.message}`);
  process.exit(1);
}
