#!/usr/bin/env python3
"""Times get_connections against a node's RPC on 127.0.0.1 (docs/BENCHMARKS.md, "The forward-only JSON writer").

usage: get_connections_poll.py PORT [SEQUENTIAL=30] [CLIENTS=8] [SECONDS=10] [ext]
  SEQUENTIAL calls one after another on one keep-alive connection (latency to the last byte, p50/p90/min/max), then
  CLIENTS keep-alive connections calling as fast as they are answered for SECONDS (requests per second); "ext" asks
  for the extended listing. Every answer's Content-Length is checked against the bytes read. Loopback only.
"""
import http.client, json, sys, threading, time

port = int(sys.argv[1])
sequential = int(sys.argv[2]) if len(sys.argv) > 2 else 30
clients = int(sys.argv[3]) if len(sys.argv) > 3 else 8
seconds = float(sys.argv[4]) if len(sys.argv) > 4 else 10
extended = len(sys.argv) > 5 and sys.argv[5] == "ext"
body = json.dumps({"jsonrpc": "2.0", "id": "0", "method": "get_connections", **({"params": {"extended": True}} if extended else {})})


def call(connection):
    start = time.perf_counter()
    connection.request("POST", "/json_rpc", body, {"Content-Type": "application/json"})
    response = connection.getresponse()
    data = response.read()
    assert int(response.getheader("Content-Length")) == len(data), "Content-Length differs from the body"
    return time.perf_counter() - start, len(data)


def ms(seconds):
    return f"{seconds * 1000:.1f}"


connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
latencies, size = [], 0
for _ in range(sequential):
    latency, size = call(connection)
    latencies.append(latency)
latencies.sort()
print(f"sequential x{sequential}: min {ms(latencies[0])} p50 {ms(latencies[len(latencies) // 2])} "
      f"p90 {ms(latencies[int(len(latencies) * 0.9)])} max {ms(latencies[-1])} ms, {size} B")

if clients:
    counts, stop = [0] * clients, time.perf_counter() + seconds

    def run(i):
        own = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.perf_counter() < stop:
            call(own)
            counts[i] += 1

    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    print(f"{clients} clients {elapsed:.1f} s: {sum(counts)} calls, {sum(counts) / elapsed:.1f} req/s")
