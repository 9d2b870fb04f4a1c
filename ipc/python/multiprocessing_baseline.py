"""Python's side of the ipc-throughput comparison, on the reader's own machine.

Measures what the notebooks use: multiprocessing.Queue (small messages, 1 MiB payloads),
a Pipe round trip, and a shared Value incremented by two processes with and without its lock.
Run: python3 ipc/python/multiprocessing_baseline.py   (prints one JSON object)
"""
import json
import multiprocessing as mp
import statistics
import sys
import time

SMALL = 200_000
LARGE = 256
TRIPS = 5_000
INCREMENTS = 200_000


def consume(q, n):
    for _ in range(n):
        q.get()


def queue_rate(payload, n):
    q = mp.Queue()
    consumer = mp.Process(target=consume, args=(q, n))
    consumer.start()
    start = time.perf_counter()
    for _ in range(n):
        q.put(payload)
    consumer.join()
    return n / (time.perf_counter() - start)


def echo(conn):
    while True:
        message = conn.recv_bytes()
        if not message:
            return
        conn.send_bytes(message)


def pipe_round_trip_us():
    parent, child = mp.Pipe()
    worker = mp.Process(target=echo, args=(child,))
    worker.start()
    samples = []
    for _ in range(TRIPS):
        start = time.perf_counter()
        parent.send_bytes(b"x")
        parent.recv_bytes()
        samples.append((time.perf_counter() - start) * 1e6)
    parent.send_bytes(b"")
    worker.join()
    return statistics.median(samples)


def add(value, n, locked):
    for _ in range(n):
        if locked:
            with value.get_lock():
                value.value += 1
        else:
            value.value += 1


def shared_value(locked):
    value = mp.Value("q", 0, lock=True) if locked else mp.Value("q", 0, lock=False)
    workers = [mp.Process(target=add, args=(value, INCREMENTS, locked)) for _ in range(2)]
    start = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return value.value, 2 * INCREMENTS / (time.perf_counter() - start)


if __name__ == "__main__":
    unlocked_total, _ = shared_value(False)
    locked_total, locked_rate = shared_value(True)
    print(json.dumps({
        "python": sys.version.split()[0],
        "start_method": mp.get_start_method(),
        "queue_small_msgs_per_s": round(queue_rate(b"12345678", SMALL)),
        "queue_1mib_mb_per_s": round(queue_rate(bytes(1 << 20), LARGE) * (1 << 20) / 1e6),
        "pipe_round_trip_us": round(pipe_round_trip_us(), 1),
        "value_expected": 2 * INCREMENTS,
        "value_unlocked_observed": unlocked_total,
        "value_locked_observed": locked_total,
        "value_locked_m_per_s": round(locked_rate / 1e6, 3),
    }))
