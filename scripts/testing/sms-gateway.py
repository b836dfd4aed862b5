#!/usr/bin/env python3
"""A fake SMS gateway for tests: records every request and answers 200 (or, with --fail-first N, 503 to the
first N requests). GET /_requests returns what it recorded as JSON. Prints "listening on 127.0.0.1:PORT"."""
import argparse
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

recorded = []
lock = threading.Lock()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--fail-first", type=int, default=0, help="answer 503 to this many requests first")
    args = parser.parse_args()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *_):
            pass

        def do_GET(self):
            if self.path != "/_requests":
                self.send_error(404)
                return
            with lock:
                body = json.dumps(recorded).encode()
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self):
            length = int(self.headers.get("content-length") or 0)
            body = self.rfile.read(length).decode("utf-8", "replace")
            with lock:
                recorded.append({"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()}, "body": body})
                failing = len(recorded) <= args.fail_first
            reply = json.dumps({"status": "queued" if not failing else "busy", "id": f"sms-{len(recorded)}"}).encode()
            self.send_response(503 if failing else 200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    print(f"listening on 127.0.0.1:{server.server_address[1]}", flush=True)
    sys.stdout.flush()
    server.serve_forever()


if __name__ == "__main__":
    main()
