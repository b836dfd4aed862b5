"""What the benchmark scripts share: the kvitto binary, free ports, JSON over HTTP, a server process."""
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The key platform credentials and postback secrets are sealed with, for every process of a run.
SECRET_KEY = "bench-secret-key"


def die(message):
    print(f"{os.path.basename(sys.argv[0])}: {message}", file=sys.stderr)
    sys.exit(1)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def kvitto_binary():
    if os.environ.get("KVITTO_BIN"):
        return os.environ["KVITTO_BIN"]
    subprocess.run(["swift", "build", "-c", "release", "--product", "kvitto"], cwd=ROOT, check=True)
    path = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
                          capture_output=True, text=True).stdout.strip()
    return os.path.join(path, "kvitto")


async def read_response(reader):
    """One HTTP/1.1 response from an asyncio stream on a keep-alive connection: (status line, head, body)."""
    head = await reader.readuntil(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    return head.split(b"\r\n")[0], head, await reader.readexactly(length)


def request(method, url, key=None, body=None, timeout=120):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method)
    if key:
        req.add_header("Authorization", f"Bearer {key}")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(req, timeout=timeout) as response:
        return response.status, json.loads(response.read() or b"null")


class Server:
    def __init__(self, binary, database, log_path, role, environment=None):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ, KVITTO_SECRET_KEY=SECRET_KEY, KVITTO_ALLOW_OUTBOUND="127.0.0.1/32",
                   KVITTO_LOG_LEVEL="warning", **(environment or {}))
        self.log = open(log_path, "a")
        self.process = subprocess.Popen([binary, "serve", "--database", database, "--host", "127.0.0.1",
                                         "--port", str(self.port), "--role", role],
                                        stdout=self.log, stderr=subprocess.STDOUT, env=env)
        for _ in range(300):
            if self.process.poll() is not None:
                die(f"kvitto serve exited early; see {log_path}")
            try:
                if request("GET", self.base + "/health", timeout=1)[0] == 200:
                    return
            except OSError:
                time.sleep(0.1)
        die("kvitto serve did not answer /health")

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def cpu_seconds(pids=(), postgres=False):
    """CPU time (user + system, from /proc) used so far by `pids` and, with `postgres`, by every process named
    postgres: what the kvitto and database processes spent, comparable across machines as µs per order.
    Processes that exited meanwhile are not counted; the benchmarks keep their connections open throughout."""
    tick = os.sysconf("SC_CLK_TCK")

    def stat(pid):
        try:
            with open(f"/proc/{pid}/stat") as f:
                text = f.read()
        except OSError:
            return None, 0.0
        # The name is in parentheses and may hold spaces; the fields after it are fixed.
        name = text[text.index("(") + 1:text.rindex(")")]
        fields = text[text.rindex(")") + 2:].split()
        return name, (int(fields[11]) + int(fields[12])) / tick

    own = sum(stat(pid)[1] for pid in pids)
    database = 0.0
    if postgres:
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                name, seconds = stat(entry)
                if name == "postgres":
                    database += seconds
    return own, database


if __name__ == "__main__":
    # bench/benchlib.py cpu PID [PID...] [--postgres]: "KVITTO_SECONDS POSTGRES_SECONDS", for the shell benchmarks.
    if len(sys.argv) >= 2 and sys.argv[1] == "cpu":
        arguments = sys.argv[2:]
        own, database = cpu_seconds([a for a in arguments if a.isdigit()], postgres="--postgres" in arguments)
        print(f"{own:.3f} {database:.3f}")
