#!/usr/bin/env python3
"""A postback receiver for Kvitto's tests and benchmarks.

It verifies every request with the PyPI package `standardwebhooks` (the reference implementation), answers
with a configurable status, and records what it saw. GET /stats returns the record as JSON.

  webhook-receiver.py --port P [--secret whsec_…] [--fail-rate 0.2] [--most-failures-per-id 3] [--status 200]
                      [--retry-after 1] [--seed 7]

--secret may be given later with POST /_secret {"secret": "whsec_…"} (tests create the trigger first).
With --fail-rate, that share of requests (chosen at random) is answered 500 instead of --status; with
--most-failures-per-id, no webhook-id is failed more often than that. Tests that must see every event arrive
need the cap: a seeded sequence holds runs of failures, and a delivery retried while nothing else is being
sent takes consecutive draws, so it could otherwise exhaust the retry schedule by chance.
"""
import argparse
import json
import random
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks.webhooks import Webhook, WebhookVerificationError

state_lock = threading.Lock()
state = {"secrets": [], "truncated": 0, "requests": 0, "verified": 0, "unverified": 0, "failed_on_purpose": 0,
         "ids": {}, "last": None, "bodies": []}
# Failures on purpose per webhook-id, for --most-failures-per-id; not part of /stats.
state_failures = {}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # quiet: tests read /stats instead
        pass

    def reply(self, status, payload=b"", headers=None):
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("content-length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def do_GET(self):
        if self.path == "/stats":
            with state_lock:
                body = json.dumps({k: v for k, v in state.items() if k != "secrets"}).encode()
            self.reply(200, body, {"content-type": "application/json"})
        else:
            self.reply(404)

    def do_PUT(self):
        self.do_POST()

    def do_POST(self):
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(length)
        if len(body) < length:
            # The sender died mid-request (the crash tests kill it): not a signature failure.
            with state_lock:
                state["truncated"] += 1
            self.close_connection = True
            return
        if self.path == "/_secret":
            with state_lock:
                state["secrets"].append(json.loads(body)["secret"])
            self.reply(204)
            return
        headers = {k.lower(): v for k, v in self.headers.items()}
        with state_lock:
            secrets = list(state["secrets"])
        verified = False
        for secret in secrets:
            try:
                Webhook(secret).verify(body, headers)
                verified = True
                break
            except WebhookVerificationError:
                continue
        webhook_id = headers.get("webhook-id", "")
        with state_lock:
            failed_before = state_failures.get(webhook_id, 0)
            fail = (ARGS.fail_rate > 0 and RNG.random() < ARGS.fail_rate
                    and (ARGS.most_failures_per_id is None or failed_before < ARGS.most_failures_per_id))
            if fail:
                state_failures[webhook_id] = failed_before + 1
            state["requests"] += 1
            state["verified" if verified else "unverified"] += 1
            state["ids"][webhook_id] = state["ids"].get(webhook_id, 0) + (0 if fail else 1)
            state["last"] = {"path": self.path, "method": self.command, "headers": headers,
                             "body": body.decode("utf-8", "replace"), "verified": verified}
            if ARGS.keep_bodies:
                state["bodies"].append(body.decode("utf-8", "replace"))
            if fail:
                state["failed_on_purpose"] += 1
        if ARGS.delay_ms:
            # A slow endpoint: the request is recorded on arrival and answered this much later.
            time.sleep(ARGS.delay_ms / 1000)
        if not verified:
            self.reply(401, b'{"error": "signature"}', {"content-type": "application/json"})
        elif fail:
            extra = {"retry-after": str(ARGS.retry_after)} if ARGS.retry_after is not None else {}
            self.reply(500, b'{"error": "on purpose"}', {"content-type": "application/json", **extra})
        else:
            self.reply(ARGS.status, b'{"ok": true}', {"content-type": "application/json"})


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--secret", action="append", default=[])
    parser.add_argument("--fail-rate", type=float, default=0.0)
    parser.add_argument("--status", type=int, default=200)
    parser.add_argument("--retry-after", type=int, default=None)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--most-failures-per-id", type=int, default=None)
    parser.add_argument("--keep-bodies", action="store_true")
    parser.add_argument("--delay-ms", type=int, default=0)
    ARGS = parser.parse_args()
    RNG = random.Random(ARGS.seed)
    state["secrets"].extend(ARGS.secret)
    # --port 0 lets the kernel choose; the first line of output says which, so callers never race for a port.
    server = ThreadingHTTPServer(("127.0.0.1", ARGS.port), Handler)
    server.daemon_threads = True
    print(f"listening on 127.0.0.1:{server.server_address[1]}", flush=True)
    sys.stdout.flush()
    server.serve_forever()
