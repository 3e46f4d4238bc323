"""A loopback TCP proxy in front of PostgreSQL that can close a client's connection right after its COMMIT.

It forwards the real protocol both ways untouched, and reads the client's messages just enough to follow
transactions: simple queries ('Q'), and the extended protocol's Parse ('P', named statements remembered),
Bind ('B') and Sync ('S'). Armed, it waits for a transaction whose statements match, lets its COMMIT reach
the server, stops passing the server's answer on, and once the server has said COMMIT (CommandComplete)
closes both sides: the write is stored, the client never hears so.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

SSL_REQUEST, GSS_REQUEST, CANCEL_REQUEST = 80877103, 80877104, 80877102
COMMIT_COMPLETE = b"C\x00\x00\x00\x0bCOMMIT\x00"  # CommandComplete with tag "COMMIT"
ROLLBACK_COMPLETE = b"C\x00\x00\x00\x0dROLLBACK\x00"

Matcher = Callable[[list[str]], bool]


def inserts_into(table: str) -> Matcher:
    """A transaction that inserts into this table."""
    return lambda statements: any("INSERT" in s.upper() and table in s for s in statements)


def _cstring(data: bytes, start: int) -> tuple[str, int]:
    end = data.index(b"\x00", start)
    return data[start:end].decode("utf-8", "replace"), end + 1


def _is_commit(query: str) -> bool:
    return query.strip().rstrip(";").strip().upper() in ("COMMIT", "END", "COMMIT TRANSACTION")


def _recv_exact(sock: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            raise ConnectionError("closed")
        data += chunk
    return data


@dataclass
class _Link:
    """One client connection and its connection to the server."""

    client: socket.socket
    server: socket.socket
    statements: list[str] = field(default_factory=list)  # of the current transaction
    named: dict[str, str] = field(default_factory=dict)  # prepared statement name → text
    commit_pending: bool = False  # an extended-protocol COMMIT waits for its Sync
    cutting: bool = False
    closed: threading.Event = field(default_factory=threading.Event)

    def close(self) -> None:
        """Close both sides (shutdown first, so a thread blocked in recv wakes up)."""
        for sock in (self.client, self.server):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        self.closed.set()


class CommitCuttingProxy:
    """Listens on 127.0.0.1 (port chosen by the system) and forwards to upstream."""

    def __init__(self, upstream_host: str, upstream_port: int) -> None:
        self.upstream = (upstream_host, upstream_port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self._lock = threading.Lock()
        self._matcher: Matcher | None = None
        self._cut_done = threading.Event()
        self.cuts = 0  # connections closed right after a COMMIT the server completed
        self._links: list[_Link] = []
        self._accepting = threading.Thread(target=self._accept, name="commit-cutting-proxy", daemon=True)
        self._accepting.start()

    def cut_after_commit(self, matcher: Matcher) -> None:
        """Arm: the next COMMIT of a transaction whose statements match is the last thing its client sends."""
        with self._lock:
            self._matcher = matcher
            self._cut_done.clear()

    def wait_for_cut(self, timeout: float = 10.0) -> bool:
        """Whether the armed cut happened (within timeout)."""
        return self._cut_done.wait(timeout)

    def close(self) -> None:
        """Stop listening and close every link."""
        self._listener.close()
        for link in list(self._links):
            link.close()

    # --- plumbing ------------------------------------------------------------------------------
    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.upstream)
            for sock in (client, server):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            link = _Link(client, server)
            self._links.append(link)
            threading.Thread(target=self._client_to_server, args=(link,), daemon=True).start()
            threading.Thread(target=self._server_to_client, args=(link,), daemon=True).start()

    def _client_to_server(self, link: _Link) -> None:
        try:
            self._startup(link)
            while True:
                kind = _recv_exact(link.client, 1)
                (length,) = struct.unpack("!I", _recv_exact(link.client, 4))
                body = _recv_exact(link.client, length - 4)
                if self._is_cut_point(link, kind, body):
                    link.cutting = True  # before the server can answer: its answer must not reach the client
                link.server.sendall(kind + struct.pack("!I", length) + body)
        except (ConnectionError, OSError, ValueError):
            link.close()

    def _startup(self, link: _Link) -> None:
        """Untyped messages until the StartupMessage (an SSL or GSS request comes before it)."""
        while True:
            head = _recv_exact(link.client, 8)
            length, code = struct.unpack("!II", head)
            link.server.sendall(head + _recv_exact(link.client, length - 8))
            if code not in (SSL_REQUEST, GSS_REQUEST, CANCEL_REQUEST):
                return

    def _is_cut_point(self, link: _Link, kind: bytes, body: bytes) -> bool:
        """Follow the transaction; whether this message sends an armed COMMIT to the server."""
        committing = False
        if kind == b"Q":
            query, _ = _cstring(body, 0)
            committing = _is_commit(query)
            link.statements.append(query)
        elif kind == b"P":
            name, offset = _cstring(body, 0)
            query, _ = _cstring(body, offset)
            link.named[name] = query
            link.commit_pending = link.commit_pending or _is_commit(query)
            link.statements.append(query)
        elif kind == b"B":
            _, offset = _cstring(body, 0)
            statement, _ = _cstring(body, offset)
            if statement:
                link.statements.append(link.named.get(statement, ""))
        elif kind == b"S" and link.commit_pending:
            committing, link.commit_pending = True, False
        if not committing:
            return False
        statements, link.statements = link.statements, []
        with self._lock:
            if self._matcher is None or not self._matcher(statements):
                return False
            self._matcher = None  # one cut per arming
            return True

    def _server_to_client(self, link: _Link) -> None:
        held = b""
        try:
            while True:
                chunk = link.server.recv(65536)
                if not chunk:
                    break
                if not link.cutting:
                    link.client.sendall(chunk)
                    continue
                held += chunk
                if COMMIT_COMPLETE in held or ROLLBACK_COMPLETE in held:
                    if COMMIT_COMPLETE in held:
                        self.cuts += 1
                    break
        except OSError:
            pass
        link.close()
        if link.cutting:
            self._cut_done.set()
