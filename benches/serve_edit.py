#!/usr/bin/env python3
"""Edit -> reload latency and memory of the `site serve` binary on a generated site,
without compiling the benchmark harness (benches/serve.rs measures the same in-process):
starts `site serve`, waits for the first build, opens /__site/events, appends a marker
line to 20 pages spread over the site one at a time and times each write until the
`reload` event arrives; prints the median, the server's RSS after the first build and
its peak (VmHWM). Usage: serve_edit.py SITE_BINARY SITE_ROOT [DOMAIN_KEY]
With SERVE_LOG=FILE, the server runs without --quiet and its output (one line per
rebuild, with the time of each step) goes to FILE. With EDIT_GAP=SECONDS (default 0.2),
that long passes between edits; it also prints the CPU time (user+sys) the search index
thread (`site-search-index`) took over the edits, once it is idle again: with a gap longer
than one index takes, that is the index's cost per edit. SERVE_PORT=N picks the port
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


def search_cpu(pid):
    """User+sys seconds of the server's search index thread (0 before it exists)."""
    total = 0.0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        if name.startswith("site-search"):
            fields = stat[stat.rindex(")") + 2:].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def settled(pid):
    """The search thread's CPU once it has stopped growing for a second."""
    last = -1.0
    while True:
        now = search_cpu(pid)
        if now == last:
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
        before = settled(server.pid) if "EDIT_GAP" in os.environ else 0.0
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
        if "EDIT_GAP" in os.environ:
            cpu = settled(server.pid) - before
            print(f"search index thread: {cpu:.2f} s CPU over {len(times)} edits, "
                  f"{cpu / len(times) * 1000:.0f} ms per edit")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
