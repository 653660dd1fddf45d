#!/usr/bin/env python3
"""Counts what an app asks of PostgreSQL, from the wire (scripts/bench-web.sh, step "round trips").

  pg_round_trips.py proxy  --listen PORT --upstream HOST:PORT --events FILE
  pg_round_trips.py report --events FILE --window FIRST:END [--idle FIRST:END] --requests N [--label TEXT]
  pg_round_trips.py turns  --events FILE --window FIRST:END

`proxy` sits between the app and the server and appends one line per event to FILE; the caller
takes FILE's line count before and after a run of requests to name a window. Only the client's side
of the protocol is parsed; the server's bytes pass through untouched, but their arrival is what ends
a round trip: a round trip is a burst of client messages that then waits for the server's answer, so
Npgsql's pipelining (a pooled connection's reset written in front of the next command) counts as
the one wait it is. Events, tab-separated:

  <conn> open                   a physical connection from the app
  <conn> turn                   the client speaks again after the server did (a new wait begins)
  <conn> msg   <type>           one client message (S Sync, Q Query, P Parse, B Bind, E Execute, ...)
  <conn> sql   <text>           the SQL of a Parse or Query message
  <conn> close

`report` counts a window's connections, round trips, Sync/Query messages and pool checkouts (the
first command on a fresh connection, and every DISCARD ALL, Npgsql's reset of a connection returned
to its pool), minus an idle window of the app's background work, per request; then the SQL texts.
`turns` prints a window's round trips in order, with the SQL each carried.
"""

import argparse
import asyncio
import collections
import itertools
import re
import struct
import sys

SSL_REQUEST = 80877103
GSSENC_REQUEST = 80877104
CANCEL_REQUEST = 80877102
RESET_PATTERN = re.compile(r"\bDISCARD\s+ALL\b", re.IGNORECASE)
# Messages of a connection's authentication, not of the app's work.
AUTH_TYPES = {"startup", "p"}
# A burst of only these waits for nothing: authentication is the connection's cost, Terminate its end.
NOT_WORK = AUTH_TYPES | {"X"}


class EventLog:
    def __init__(self, path):
        # Line-buffered: the caller counts lines to mark windows while the proxy runs.
        self.file = open(path, "a", buffering=1, encoding="utf-8")

    def write(self, conn, kind, detail=""):
        detail = " ".join(detail.split())  # one line, whitespace collapsed
        self.file.write(f"{conn}\t{kind}\t{detail}\n")


class ClientStream:
    """Splits the client's bytes into messages: the untyped startup packet first, then type + length."""

    def __init__(self):
        self.buffer = bytearray()
        self.started = False

    def feed(self, data):
        self.buffer += data
        while True:
            if not self.started:
                if len(self.buffer) < 8:
                    return
                (length,) = struct.unpack("!i", self.buffer[:4])
                if len(self.buffer) < length:
                    return
                (code,) = struct.unpack("!i", self.buffer[4:8])
                raw = bytes(self.buffer[:length])
                del self.buffer[:length]
                if code in (SSL_REQUEST, GSSENC_REQUEST):
                    yield ("encryption-request", b"", raw)
                    continue
                if code != CANCEL_REQUEST:
                    self.started = True
                yield ("startup", raw[8:], raw)
            else:
                if len(self.buffer) < 5:
                    return
                (length,) = struct.unpack("!i", self.buffer[1:5])
                if len(self.buffer) < 1 + length:
                    return
                raw = bytes(self.buffer[: 1 + length])
                del self.buffer[: 1 + length]
                yield (chr(raw[0]), raw[5:], raw)


def sql_of(kind, body):
    if kind == "Q":
        return body.split(b"\0", 1)[0].decode("utf-8", "replace")
    if kind == "P":
        parts = body.split(b"\0", 2)
        return parts[1].decode("utf-8", "replace") if len(parts) > 1 else ""
    return None


async def pipe_server_to_client(server_reader, client_writer, state):
    try:
        while data := await server_reader.read(65536):
            state["last"] = "server"
            client_writer.write(data)
            await client_writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        client_writer.close()


async def handle(client_reader, client_writer, upstream, log, ids):
    conn = next(ids)
    try:
        server_reader, server_writer = await asyncio.open_connection(*upstream)
    except OSError:
        client_writer.close()
        return
    log.write(conn, "open")
    state = {"last": "server"}
    back = asyncio.create_task(pipe_server_to_client(server_reader, client_writer, state))
    stream = ClientStream()
    try:
        while data := await client_reader.read(65536):
            forward = bytearray()
            for kind, body, raw in stream.feed(data):
                if kind == "encryption-request":
                    # Plain text on loopback, so the messages stay readable: refuse, as a server without SSL does.
                    client_writer.write(b"N")
                    await client_writer.drain()
                    continue
                if state["last"] == "server":
                    log.write(conn, "turn")
                    state["last"] = "client"
                log.write(conn, "msg", kind)
                sql = sql_of(kind, body)
                if sql is not None:
                    log.write(conn, "sql", sql)
                forward += raw
            if forward:
                server_writer.write(forward)
                await server_writer.drain()
    except ConnectionError:
        pass
    finally:
        log.write(conn, "close")
        server_writer.close()
        back.cancel()


async def serve(args):
    host, port = args.upstream.rsplit(":", 1)
    log = EventLog(args.events)
    ids = itertools.count(1)
    server = await asyncio.start_server(
        lambda r, w: handle(r, w, (host, int(port)), log, ids), "127.0.0.1", args.listen)
    async with server:
        await server.serve_forever()


def read_window(path, window):
    first, end = (int(x) for x in window.split(":"))
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()[first:end]
    return [line.split("\t", 2) + [""] * (3 - len(line.split("\t", 2))) for line in lines]


def turns_of(events):
    """The window's round trips: (conn, [message types], [sql texts]), in order."""
    open_turns = {}
    result = []
    for conn, kind, detail in events:
        if kind == "turn":
            turn = (conn, [], [])
            open_turns[conn] = turn
            result.append(turn)
        elif kind in ("msg", "sql"):
            turn = open_turns.get(conn)
            if turn is None:  # a burst begun before the window
                turn = (conn, [], [])
                open_turns[conn] = turn
                result.append(turn)
            (turn[1] if kind == "msg" else turn[2]).append(detail)
    return result


def counts(events):
    opened = {conn for conn, kind, _ in events if kind == "open"}
    work_turns = [t for t in turns_of(events) if not set(t[1]) <= NOT_WORK]
    first_use = set()
    checkouts = 0
    sql = collections.Counter()
    for conn, _, texts in work_turns:
        if conn in opened and conn not in first_use:
            first_use.add(conn)
            checkouts += 1  # a fresh connection's first command: a checkout with nothing to reset
        checkouts += sum(1 for text in texts if RESET_PATTERN.search(text))
        sql.update(texts)
    messages = collections.Counter(kind_detail for _, kind, kind_detail in events if kind == "msg")
    return {
        "connections": len(opened),
        "round_trips": len(work_turns),
        "sync_query": messages["S"] + messages["Q"],
        "checkouts": checkouts,
        "sql": sql,
    }


def report(args):
    load = counts(read_window(args.events, args.window))
    idle = counts(read_window(args.events, args.idle)) if args.idle else None
    n = args.requests

    def per_request(key):
        value = load[key] - (idle[key] if idle else 0)
        return value / n

    label = args.label or "request"
    print(f"{label}: {n} requests, one at a time")
    for key, name in [("round_trips", "round trips"), ("checkouts", "connection checkouts"),
                      ("connections", "physical connections opened"), ("sync_query", "Sync + Query messages")]:
        raw = f"{load[key]} in the window" + (f", {idle[key]} while idle as long" if idle else "")
        print(f"  {name:<30} {per_request(key):6.2f} per request  ({raw})")
    sql = load["sql"].copy()
    if idle:
        sql.subtract(idle["sql"])
    top = [(text, count) for text, count in sql.most_common(15) if count > 0]
    if top:
        print("  SQL texts, per request (top 15):")
        for text, count in top:
            shown = text if len(text) <= 300 else text[:297] + "..."
            print(f"    {count / n:5.2f}  {shown}")
    if args.summary:
        with open(args.summary, "w", encoding="utf-8") as f:
            f.write(" ".join(f"{per_request(key):.2f}" for key in ("round_trips", "checkouts", "connections", "sync_query")) + "\n")


def print_turns(args):
    for number, (conn, types, texts) in enumerate(turns_of(read_window(args.events, args.window)), 1):
        kind = "auth" if set(types) <= AUTH_TYPES else "close" if set(types) <= NOT_WORK else "work"
        print(f"  round trip {number} (connection {conn}, {kind}, messages {''.join(t if len(t) == 1 else '[' + t + ']' for t in types)})")
        for text in texts:
            print(f"      {text}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    proxy = commands.add_parser("proxy")
    proxy.add_argument("--listen", type=int, required=True)
    proxy.add_argument("--upstream", required=True)
    proxy.add_argument("--events", required=True)
    rep = commands.add_parser("report")
    rep.add_argument("--events", required=True)
    rep.add_argument("--window", required=True)
    rep.add_argument("--idle")
    rep.add_argument("--requests", type=int, required=True)
    rep.add_argument("--label")
    rep.add_argument("--summary", help="writes 'round-trips checkouts connections sync+query' per request to this file")
    turns = commands.add_parser("turns")
    turns.add_argument("--events", required=True)
    turns.add_argument("--window", required=True)
    args = parser.parse_args()
    if args.command == "proxy":
        try:
            asyncio.run(serve(args))
        except KeyboardInterrupt:
            pass
    elif args.command == "report":
        report(args)
    else:
        print_turns(args)


if __name__ == "__main__":
    sys.exit(main())
