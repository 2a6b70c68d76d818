#!/usr/bin/env python3
"""Edit -> reload latency and memory of the `site serve` binary on a generated site,
without compiling the benchmark harness (benches/serve.rs measures the same in-process):
starts `site serve`, waits for the first build, opens /__site/events, appends a marker
line to 20 pages spread over the site one at a time and times each write until the
`reload` event arrives; prints the median, the server's RSS after the first build and
its peak (VmHWM), and the CPU time (user+sys) per edit of the search index thread
(`site-search-index`) and of every other thread, once the index is idle again: unlike
the wall time, it does not depend on the machine's load.
Usage: serve_edit.py SITE_BINARY SITE_ROOT [DOMAIN_KEY]
With SERVE_LOG=FILE, the server runs without --quiet and its output (one line per
rebuild, with the time of each step) goes to FILE. With EDIT_GAP=SECONDS (default 0.2),
that long passes between edits. SERVE_PORT=N picks the port
(default 18111)."""
import os
import socket
import statistics
import subprocess
import sys
import time

PORT = int(os.environ.get("SERVE_PORT", "18111"))


def rss(pid):
    with open(f"/proc/{pid}/status") as f:
        fields = dict(line.split(":", 1) for line in f if ":" in line)
    return int(fields["VmRSS"].split()[0]) // 1024, int(fields["VmHWM"].split()[0]) // 1024


def cpu(pid):
    """CPU seconds (user + system) of the server's threads: (the search index thread, all
    the others). Unlike wall times, CPU time per edit means something on a loaded machine."""
    tick = os.sysconf("SC_CLK_TCK")
    index = other = 0.0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        seconds = (int(fields[11]) + int(fields[12])) / tick
        if name.startswith("site-search"):
            index += seconds
        else:
            other += seconds
    return index, other


def settled(pid):
    """[`cpu`] once the search thread has stopped growing for a second."""
    last = (-1.0, -1.0)
    while True:
        now = cpu(pid)
        if now[0] == last[0]:
            return now
        last = now
        time.sleep(1.0)


def get(host, path):
    with socket.create_connection(("127.0.0.1", PORT), timeout=60) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    return data.decode("utf-8", "replace")


def main():
    binary, root = sys.argv[1], sys.argv[2]
    host = f"{sys.argv[3] if len(sys.argv) > 3 else 'ai'}.localhost:{PORT}"
    pages = sorted(os.path.join(d, f) for d, _, fs in os.walk(os.path.join(root, "content"))
                   for f in fs if f.startswith("p") and f.endswith(".md"))
    edits = pages[:: max(1, len(pages) // 20)][:20]
    started = time.monotonic()
    log = os.environ.get("SERVE_LOG")
    quiet = [] if log else ["--quiet"]
    out = open(log, "w") if log else None
    server = subprocess.Popen([binary, "serve", "--root", root, "--port", str(PORT)] + quiet, stdout=out)
    try:
        while True:
            try:
                if " 200 " in get(host, "/").split("\r\n", 1)[0] + " ":
                    break
            except OSError:
                pass
            time.sleep(0.05)
        first = time.monotonic() - started
        print(f"serve start (first build): {first:.1f} s, RSS {rss(server.pid)[0]} MiB")
        events = socket.create_connection(("127.0.0.1", PORT), timeout=120)
        events.sendall(f"GET /__site/events HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
        stream = events.makefile("rb")
        while b"event: hello" not in stream.readline():
            pass
        gap = float(os.environ.get("EDIT_GAP", "0.2"))
        before = settled(server.pid)
        times = []
        for i, path in enumerate(edits, 1):
            with open(path) as f:
                text = f.read()
            time.sleep(gap)
            t = time.monotonic()
            with open(path, "w") as f:
                f.write(f"{text}\nEDIT-MARKER {i}\n")
            while b"event: reload" not in stream.readline():
                pass
            times.append((time.monotonic() - t) * 1000)
            url = "/" + os.path.relpath(path, os.path.join(root, "content"))[:-3] + "/"
            assert f"EDIT-MARKER {i}" in get(host, url), f"edit {i} is served at {url}"
        now, peak = rss(server.pid)
        print(f"edit -> reload, {len(times)} edits: median {statistics.median(times):.0f} ms "
              f"(min {min(times):.0f}, max {max(times):.0f}); RSS {now} MiB, peak {peak} MiB")
        after, n = settled(server.pid), len(times)
        print(f"CPU per edit: {(after[1] - before[1]) / n * 1000:.0f} ms rebuilding and serving, "
              f"{(after[0] - before[0]) / n * 1000:.0f} ms on the search index (only the newest "
              f"build's index is made: with EDIT_GAP longer than one index, every edit gets one)")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
