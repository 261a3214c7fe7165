#!/usr/bin/env node
// Starts the local-aws-sqs emulator (pinned in package.json) for tests and the demo.
//
//   node scripts/sqs-emulator.mjs --port N [--host 127.0.0.1] [--account-id ID] [--queue NAME]...
//
// Prints one line "sqs-emulator ready <endpoint>" once it accepts connections,
// so callers can wait for it; exits 0 on SIGTERM/SIGINT, 1 if it cannot listen,
// 2 on bad arguments. --port 0 picks a free port (the ready line names it).
import http from "node:http";
import { createRequire } from "node:module";
import { parseArgs } from "node:util";

import { escapingXmlBodies } from "./sqs-emulator-xml-bodies.mjs";

const require = createRequire(import.meta.url);
const { createRequestHandler } = require("local-aws-sqs");

// 000000000000 matches the LocalStack-style queue URLs used in pipelines/.
const DEFAULT_ACCOUNT_ID = "000000000000";

function usageError(message) {
  console.error(`sqs-emulator: ${message}`);
  console.error("usage: node scripts/sqs-emulator.mjs --port N [--host HOST] [--account-id ID] [--queue NAME]...");
  process.exit(2);
}

function readOptions() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        port: { type: "string" },
        host: { type: "string", default: "127.0.0.1" },
        "account-id": { type: "string", default: DEFAULT_ACCOUNT_ID },
        queue: { type: "string", multiple: true, default: [] },
      },
    }).values;
  } catch (err) {
    usageError(err.message);
  }
  const port = Number(parsed.port);
  if (parsed.port === undefined || !Number.isInteger(port) || port < 0 || port > 65535) {
    usageError("--port must be an integer in 0..65535");
  }
  return { port, host: parsed.host, accountId: parsed["account-id"], queues: parsed.queue };
}

// The emulator throws (and, unguarded, dies) on some malformed requests, e.g. a JSON
// request without X-Amz-Target; answer 400 instead so one bad client request
// shows up as an error in the client's test rather than as a vanished emulator.
function answeringErrors(requestHandler) {
  return async (req, res) => {
    try {
      await requestHandler(req, res);
    } catch (err) {
      console.error(`sqs-emulator: cannot handle ${req.method} ${req.url}: ${err.message}`);
      if (!res.headersSent) {
        res.writeHead(400, { "Content-Type": "application/json" });
      }
      res.end(JSON.stringify({ __type: "com.amazonaws.sqs#InvalidRequest", message: `emulator: ${err.message}` }));
    }
  };
}

function start({ port, host, accountId, queues }) {
  const { service, requestHandler } = createRequestHandler({
    port,
    hostname: host,
    accountId,
    // Tests delete and recreate queues; AWS's 60 s wait would only slow them down.
    emulateQueueCreationLifecycle: false,
    queues: queues.map((name) => ({ QueueName: name })),
  });
  const server = http.createServer(
    answeringErrors((req, res) => requestHandler(req, escapingXmlBodies(res))));
  server.on("error", (err) => {
    console.error(`sqs-emulator: cannot listen on ${host}:${port}: ${err.message}`);
    process.exit(1);
  });
  server.listen(port, host, () => {
    // Queue URLs embed the port, so learn the real one when --port 0 was asked.
    service.PORT = server.address().port;
    console.log(`sqs-emulator ready http://${host}:${service.PORT}`);
  });
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

start(readOptions());
