#!/usr/bin/env python3
"""A throwaway SMTP server for KvittoMail's end-to-end tests.

It runs aiosmtpd's threaded Controller on 127.0.0.1 with a port picked by the
kernel and prints `listening on 127.0.0.1:PORT` as its first stdout line, so a
test can start it as a subprocess without racing for a fixed port. Every
accepted message is appended as one JSON line to the file given by --out, with
the envelope, the raw text and the result of Python's own MIME parser, so the
Swift side checks what a real mail reader would see instead of re-parsing MIME.

The server stops on SIGTERM or SIGINT, and with --exit-on-stdin-eof also when
its stdin closes, so a crashed test run does not leave it behind.
"""

import argparse
import asyncio
import email
import email.policy
import json
import signal
import socket
import ssl
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--starttls", nargs=2, metavar=("CERT", "KEY"),
                        help="offer and require STARTTLS with this PEM certificate chain and key")
    parser.add_argument("--implicit-tls", nargs=2, metavar=("CERT", "KEY"),
                        help="speak TLS from the first byte (port 465 style) with this certificate chain and key")
    parser.add_argument("--auth", metavar="USER:PASSWORD",
                        help="require AUTH (PLAIN or LOGIN) with these credentials")
    parser.add_argument("--auth-mechanism", action="append", choices=["PLAIN", "LOGIN"],
                        help="offer only these AUTH mechanisms (default: both); repeatable")
    parser.add_argument("--reject-rcpt", action="append", default=[], metavar="ADDRESS=CODE",
                        help="answer RCPT TO for ADDRESS with CODE (e.g. 450, 550); repeatable")
    parser.add_argument("--drop-after-data-lines", type=int, metavar="N",
                        help="close the connection after reading N lines of DATA")
    parser.add_argument("--drop-times", type=int, metavar="K",
                        help="with --drop-after-data-lines: drop only the first K messages, accept the rest")
    parser.add_argument("--no-pipelining", action="store_true",
                        help="do not advertise PIPELINING")
    parser.add_argument("--refuse-ehlo", action="store_true",
                        help="answer EHLO with 502 so clients must fall back to HELO")
    parser.add_argument("--idle-timeout", type=float, default=300.0, metavar="SECONDS",
                        help="close connections idle for this long")
    parser.add_argument("--discard", action="store_true",
                        help="only count messages (for benchmarks); nothing is written to --out")
    parser.add_argument("--out", metavar="FILE",
                        help="append one JSON line per accepted message to FILE")
    parser.add_argument("--exit-on-stdin-eof", action="store_true",
                        help="stop when stdin closes, so a crashed parent does not leave the server behind")
    return parser.parse_args()


def describe_message(raw: bytes) -> dict:
    """What a mail reader sees: decoded headers and the text of every leaf part.

    The raw message is also checked against the line-length limits of RFC 5322
    (998) and RFC 2045 (76 for encoded body lines) so a test notices violations
    that Python's lenient parser would accept silently.
    """
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    parts = []
    for part in parsed.walk():
        if part.is_multipart():
            continue
        parts.append({
            "content_type": part.get_content_type(),
            "charset": part.get_content_charset(),
            "transfer_encoding": part.get("Content-Transfer-Encoding"),
            "text": part.get_content(),
        })
    return {
        "subject": str(parsed.get("Subject", "")),
        "from": str(parsed.get("From", "")),
        "to": str(parsed.get("To", "")),
        "message_id": str(parsed.get("Message-ID", "")),
        "content_type": parsed.get_content_type(),
        "parts": parts,
        "defects": [type(defect).__name__ for defect in parsed.defects],
        "longest_line": max((len(line) for line in raw.split(b"\r\n")), default=0),
        "bare_line_feeds": raw.replace(b"\r\n", b"").count(b"\n"),
    }


class CatchingHandler:
    def __init__(self, arguments):
        self.out_path = arguments.out
        self.discard = arguments.discard
        self.refuse_ehlo = arguments.refuse_ehlo
        self.pipelining = not arguments.no_pipelining
        self.rejections = {}
        for rule in arguments.reject_rcpt:
            address, _, code = rule.rpartition("=")
            self.rejections[address.lower()] = int(code)
        self.count = 0
        self.lock = threading.Lock()

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        if self.refuse_ehlo:
            return ["502 5.5.2 Error: command not recognized"]
        session.host_name = hostname
        if self.pipelining:
            responses.insert(1, "250-PIPELINING")
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        code = self.rejections.get(address.lower())
        if code is not None:
            if 400 <= code < 500:
                return f"{code} 4.2.0 Mailbox {address} temporarily unavailable"
            return f"{code} 5.1.1 Mailbox {address} does not exist"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            number = self.count
        if not self.discard and self.out_path:
            raw = envelope.original_content
            record = {
                "mail_from": envelope.mail_from,
                "rcpt_tos": envelope.rcpt_tos,
                "data": raw.decode("utf-8", errors="replace"),
                "tls": server.transport.get_extra_info("sslcontext") is not None,
                "auth_mechanism": session.auth_data,
                "parsed": describe_message(raw),
            }
            with self.lock, open(self.out_path, "a", encoding="utf-8") as out:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        return f"250 OK queued as catcher-{number}"


class DroppingSMTP(SMTP):
    """Reads a few DATA lines and then hangs up, as a crashing server would."""

    drop_after_data_lines = None
    # How many more messages to drop (None: every one); shared by all connections of the server.
    drops_left = [None]

    def connection_made(self, transport):
        # aiosmtpd answers pipelined commands with one write each; without TCP_NODELAY the second waits for
        # the client's delayed ACK (40 ms on Linux), which made every pipelined message take 40 ms longer.
        raw = transport.get_extra_info("socket")
        if raw is not None:
            try:
                raw.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except OSError:
                pass
        super().connection_made(transport)

    async def smtp_DATA(self, arg):
        if self.drop_after_data_lines is None or self.drops_left[0] == 0:
            return await super().smtp_DATA(arg)
        if await self.check_helo_needed() or await self.check_auth_needed("DATA"):
            return
        if not self.envelope.rcpt_tos:
            await self.push("503 Error: need RCPT command")
            return
        await self.push("354 End data with <CR><LF>.<CR><LF>")
        for _ in range(self.drop_after_data_lines):
            await self._reader.readuntil(b"\r\n")
        if self.drops_left[0] is not None:
            self.drops_left[0] -= 1
        print("dropped a connection in the middle of DATA", flush=True)
        self.transport.close()


class CatcherController(Controller):
    """Listens on a socket bound before start, so port 0 works and is reported."""

    def __init__(self, handler, listening_socket, drop_after_data_lines, **parameters):
        self.listening_socket = listening_socket
        self.drop_after_data_lines = drop_after_data_lines
        super().__init__(handler, hostname="127.0.0.1",
                         port=listening_socket.getsockname()[1], **parameters)

    def _create_server(self):
        return self.loop.create_server(self._factory_invoker, sock=self.listening_socket,
                                       ssl=self.ssl_context)

    def factory(self):
        server = DroppingSMTP(self.handler, **self.SMTP_kwargs)
        server.drop_after_data_lines = self.drop_after_data_lines
        return server


def server_tls_context(certificate: str, key: str) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(certificate, key)
    return context


def make_authenticator(expected: str):
    user, _, password = expected.partition(":")

    def authenticate(server, session, envelope, mechanism, auth_data):
        if (isinstance(auth_data, LoginPassword)
                and auth_data.login.decode() == user
                and auth_data.password.decode() == password):
            return AuthResult(success=True, auth_data=mechanism)
        return AuthResult(success=False, handled=False,
                          message="535 5.7.8 Authentication credentials invalid")

    return authenticate


def main():
    arguments = parse_arguments()
    smtp_parameters = {"timeout": arguments.idle_timeout}
    if arguments.starttls:
        smtp_parameters["tls_context"] = server_tls_context(*arguments.starttls)
        smtp_parameters["require_starttls"] = True
    if arguments.implicit_tls:
        smtp_parameters["ssl_context"] = server_tls_context(*arguments.implicit_tls)
    if arguments.auth:
        smtp_parameters["authenticator"] = make_authenticator(arguments.auth)
        smtp_parameters["auth_required"] = True
        # aiosmtpd only counts STARTTLS as TLS; with implicit TLS the whole session is encrypted anyway.
        smtp_parameters["auth_require_tls"] = bool(arguments.starttls)
        if arguments.auth_mechanism:
            offered = set(arguments.auth_mechanism)
            smtp_parameters["auth_exclude_mechanism"] = {"PLAIN", "LOGIN"} - offered

    listening_socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listening_socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listening_socket.bind(("127.0.0.1", 0))
    listening_socket.listen(128)

    handler = CatchingHandler(arguments)
    DroppingSMTP.drops_left = [arguments.drop_times]
    controller = CatcherController(handler, listening_socket,
                                   arguments.drop_after_data_lines, **smtp_parameters)
    controller.start()
    print(f"listening on 127.0.0.1:{listening_socket.getsockname()[1]}", flush=True)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    # A parent that spawns us from a thread with these signals blocked (Foundation's
    # Process can) would otherwise leave us deaf to terminate().
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})

    def wait_for_stdin_to_close():
        sys.stdin.read()
        stop.set()

    if arguments.exit_on_stdin_eof:
        threading.Thread(target=wait_for_stdin_to_close, daemon=True).start()
    while not stop.wait(0.5):
        pass
    controller.stop()
    print(f"received {handler.count} messages", flush=True)


if __name__ == "__main__":
    main()
