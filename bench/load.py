"""A small HTTP/1.1 load client on asyncio, for what wrk does not measure well: latency at a
fixed arrival rate (open loop: each request is timed from when it was due, so a stalled
server shows in the figures instead of slowing the client down), one connection at a time
(serial), and writes that must each use a different record (bounded, closed loop)."""

import asyncio
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

Request = bytes


def build_request(
    method: str, path: str, *, token: str | None = None, body: bytes = b"", content_type: str = ""
) -> Request:
    """The bytes of one keep-alive request to the loopback server."""
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1"]
    if token:
        lines.append(f"Authorization: Bearer {token}")
    if content_type:
        lines.append(f"Content-Type: {content_type}")
    if body or method != "GET":
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def percentile(values: Sequence[float], share: float) -> float:
    """The value `share` of the way up the sorted values (0.0 when there are none)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] if ordered else 0.0


@dataclass
class Outcome:
    """What one run of requests gave."""

    latencies_ms: list[float] = field(default_factory=list)
    # Open loop: how late the client itself started each request (its own share of a latency).
    client_lags_ms: list[float] = field(default_factory=list)
    errors: int = 0
    elapsed_s: float = 0.0
    # Open loop: how many of its connections each worker of the server accepted.
    connections_per_worker: list[int] = field(default_factory=list)
    # Open loop: when the run started (UTC, to match a database server's log) and, for each
    # latency, when its request was due (seconds into the run).
    started_at: str = ""
    due_s: list[float] = field(default_factory=list)
    # Open loop: the share of the machine's CPU time the hypervisor gave to others meanwhile.
    stolen_share: float | None = None
    # Open loop: CPU seconds the watched processes (the server's workers) used meanwhile.
    watched_cpu_s: float | None = None

    @property
    def rate(self) -> float:
        return len(self.latencies_ms) / self.elapsed_s if self.elapsed_s else 0.0

    def percentile(self, share: float) -> float:
        return percentile(self.latencies_ms, share)

    def slow_between_s(self, share: float = 0.99) -> list[float]:
        """When the first and the last request at or above the `share` percentile were due:
        a short span is one stall, a span as long as the run is a queue throughout."""
        threshold = self.percentile(share)
        slow = [
            due for due, ms in zip(self.due_s, self.latencies_ms, strict=True) if ms >= threshold
        ]
        return [round(min(slow), 2), round(max(slow), 2)] if slow else []


class Connection:
    """One keep-alive connection."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        self.reader, self.writer = reader, writer

    @classmethod
    async def open(cls, port: int) -> "Connection":
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        return cls(reader, writer)

    @property
    def local_port(self) -> int:
        return int(self.writer.get_extra_info("sockname")[1])

    async def send(self, request: Request) -> int:
        """Send a request and read the whole response; return its status."""
        self.writer.write(request)
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        length = 0
        for line in lines[1:]:
            name, _, value = line.partition(":")
            if name.lower() == "content-length":
                length = int(value)
            elif name.lower() == "transfer-encoding":
                raise ValueError("chunked responses are not measured here")
        if length:
            await self.reader.readexactly(length)
        return status

    def close(self) -> None:
        self.writer.close()


async def serial(port: int, requests: Sequence[Request], count: int) -> Outcome:
    """`count` requests one after the other on one connection."""
    outcome = Outcome()
    connection = await Connection.open(port)
    started = time.perf_counter()
    for index in range(count):
        begin = time.perf_counter()
        status = await connection.send(requests[index % len(requests)])
        outcome.latencies_ms.append((time.perf_counter() - begin) * 1000)
        outcome.errors += status >= 400
    outcome.elapsed_s = time.perf_counter() - started
    connection.close()
    return outcome


async def open_loop(
    port: int,
    requests: Sequence[Request],
    *,
    rate: float,
    count: int,
    connections: int = 32,
    workers: int = 1,
    watch: Sequence[int] = (),
) -> Outcome:
    """`count` requests arriving at `rate` per second whatever the server does, over at most
    `connections` connections spread evenly over the server's `workers`; each is timed from
    when it was due."""
    outcome = Outcome()
    pool: asyncio.Queue[Connection] = asyncio.Queue()
    by_worker = await spread_connections(port, connections, workers)
    outcome.connections_per_worker = sorted(len(held) for held in by_worker.values())
    for held in by_worker.values():
        for connection in held:
            pool.put_nowait(connection)
    in_flight: set[asyncio.Task[None]] = set()

    async def one(index: int, due: float) -> None:
        outcome.client_lags_ms.append((time.perf_counter() - due) * 1000)
        connection = await pool.get()
        try:
            status = await connection.send(requests[index % len(requests)])
        except (OSError, ValueError, asyncio.IncompleteReadError):
            outcome.errors += 1
            connection = await Connection.open(port)
        else:
            outcome.latencies_ms.append((time.perf_counter() - due) * 1000)
            outcome.due_s.append(due - started)
            outcome.errors += status >= 400
        pool.put_nowait(connection)

    # Each request is started when it is due, so the client holds a task only per request in
    # flight: creating a whole run's thousands of tasks up front held its first requests back
    # 20-40 ms and then sent them as one burst, which was most of a 10 s run's p99.
    outcome.started_at = datetime.now(UTC).isoformat(timespec="milliseconds")
    cpu_before, watched_before = cpu_times(), process_cpu_s(watch)
    started = time.perf_counter()
    for index in range(count):
        due = started + index / rate
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        task = asyncio.create_task(one(index, due))
        in_flight.add(task)
        task.add_done_callback(in_flight.discard)
    await asyncio.gather(*in_flight)
    outcome.elapsed_s = time.perf_counter() - started
    outcome.stolen_share = stolen_share(cpu_before, cpu_times())
    if watch:
        outcome.watched_cpu_s = process_cpu_s(watch) - watched_before
    while not pool.empty():
        pool.get_nowait().close()
    return outcome


def cpu_times() -> list[int]:
    """The machine's CPU time so far by kind, the first line of /proc/stat (none off Linux)."""
    try:
        with open("/proc/stat") as stat:
            return [int(ticks) for ticks in stat.readline().split()[1:]]
    except OSError:
        return []


def process_cpu_s(pids: Sequence[int]) -> float:
    """CPU seconds, user and system, all their threads, these processes have used so far."""
    ticks = 0
    for pid in pids:
        # The fields after the command's closing parenthesis: utime and stime are 12th, 13th.
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def stolen_share(before: list[int], after: list[int]) -> float | None:
    """The share of CPU time between two readings that the hypervisor gave to other machines
    ("steal", the eighth field): the server's slow stretches coincide with it on a VM."""
    if len(before) < 8 or len(after) < 8:
        return None
    spent = [later - earlier for earlier, later in zip(before[:8], after[:8], strict=True)]
    return round(spent[7] / sum(spent), 3) if sum(spent) else None


async def spread_connections(port: int, count: int, workers: int) -> dict[int, list[Connection]]:
    """`count` connections to the server on `port`, by the process that accepted each, as
    evenly over its `workers` as they can be opened in a few rounds. uvicorn's workers share
    one listening socket and a burst of connections goes to whichever accepts first: 30 of 32
    went to one worker in a measured run, which then had twice its share of a fixed rate (p99
    207 ms where even splits gave 13-30 ms). Clients that arrive over time spread themselves."""
    if workers == 1:
        return {0: [await Connection.open(port) for _ in range(count)]}
    share = -(-count // workers)
    kept: dict[int, list[Connection]] = {}
    spare: list[Connection] = []
    for _ in range(20):
        missing = count - sum(map(len, kept.values()))
        if not missing:
            break
        opened = [await Connection.open(port) for _ in range(missing)]
        await asyncio.sleep(0.02)  # for the workers to accept them
        owners = accepting_processes(port, {connection.local_port for connection in opened})
        for connection in opened:
            owner = owners.get(connection.local_port)
            if owner and len(kept.setdefault(owner, [])) < share:
                kept[owner].append(connection)
            else:
                spare.append(connection)
    # Where the owners cannot be read, connections are kept as the workers accepted them.
    missing = count - sum(map(len, kept.values()))
    kept[0], rest = spare[:missing], spare[missing:]
    for connection in rest:
        connection.close()
    return {owner: held for owner, held in kept.items() if held}


def accepting_processes(port: int, client_ports: set[int]) -> dict[int, int]:
    """The process holding the server's end of each loopback connection to `port`, by the
    client's port (from Linux's /proc; a connection not yet accepted is left out)."""
    sockets: dict[str, int] = {}
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local_port, remote_port = (int(address.split(":")[1], 16) for address in fields[1:3])
        if local_port == port and remote_port in client_ports and fields[9] != "0":
            sockets[f"socket:[{fields[9]}]"] = remote_port
    owners: dict[int, int] = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            for fd in os.scandir(f"/proc/{pid}/fd"):
                client_port = sockets.get(os.readlink(fd.path))
                if client_port is not None:
                    owners[client_port] = int(pid)
        except OSError:  # a process that ended, or one not ours
            continue
    return owners


async def settle(port: int, request: Request, *, usual_ms: float, limit_s: float = 5.0) -> int:
    """Wait until the server has finished what a closed-loop client left in flight when it
    stopped (wrk abandons up to 32 requests, which a whole-city read takes ~0.5 s to work off):
    one request at a time, each on a new connection, until three in a row answer within twice
    the `usual_ms` (plus a millisecond), or for at most `limit_s`. Returns how many it sent.
    Each probe reaches whichever worker accepts it first, a free one: a worker still busy may
    go unseen."""
    calm, sent = 0, 0
    deadline = time.perf_counter() + limit_s
    while calm < 3 and time.perf_counter() < deadline:
        connection = await Connection.open(port)
        begin = time.perf_counter()
        await connection.send(request)
        took_ms = (time.perf_counter() - begin) * 1000
        connection.close()
        sent += 1
        calm = calm + 1 if took_ms <= 2 * usual_ms + 1 else 0
    return sent


async def closed_loop(
    port: int, requests: Sequence[Request], *, connections: int, seconds: float
) -> Outcome:
    """Each request at most once, as fast as `connections` connections allow, for at most
    `seconds` (for writes that may each be made only once)."""
    outcome = Outcome()
    queue = list(reversed(requests))
    started = time.perf_counter()
    deadline = started + seconds

    async def worker() -> None:
        connection = await Connection.open(port)
        while queue and time.perf_counter() < deadline:
            request = queue.pop()
            begin = time.perf_counter()
            status = await connection.send(request)
            outcome.latencies_ms.append((time.perf_counter() - begin) * 1000)
            outcome.errors += status >= 400
        connection.close()

    await asyncio.gather(*(worker() for _ in range(connections)))
    outcome.elapsed_s = time.perf_counter() - started
    return outcome
