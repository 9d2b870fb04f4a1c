"""Python's side of the process-demos comparison, on the reader's own machine.

Measures Pool(2).map(f, range(1024)) per task (default chunksize and chunksize 1) on a warm pool,
and the time from Process.start() until the child runs, per start method.
Run: python3 process-demos/python/pool_and_start_baseline.py   (prints one JSON object)
"""
import json
import multiprocessing as mp
import statistics
import sys
import time


def f(x):
    return x


def per_task_us(pool, chunksize, rounds=100):
    inputs = range(1024)
    for _ in range(20):
        pool.map(f, inputs, chunksize)
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        pool.map(f, inputs, chunksize)
        samples.append((time.perf_counter() - start) / 1024 * 1e6)
    return statistics.median(samples)


def report(conn):
    conn.send(time.perf_counter())


def start_ms(method, repeats=10):
    context = mp.get_context(method)
    samples = []
    for _ in range(repeats):
        parent, child = context.Pipe()
        start = time.perf_counter()
        process = context.Process(target=report, args=(child,))
        process.start()
        running_at = parent.recv()
        process.join()
        samples.append((running_at - start) * 1e3)
    return statistics.median(samples)


if __name__ == "__main__":
    with mp.Pool(2) as pool:
        chunked = per_task_us(pool, None)
        one_by_one = per_task_us(pool, 1, rounds=20)
    result = {"python": sys.version.split()[0],
              "pool2_map_per_task_us_default_chunks": round(chunked, 3),
              "pool2_map_per_task_us_chunksize_1": round(one_by_one, 2)}
    for method in mp.get_all_start_methods():
        result[f"start_to_running_ms_{method}"] = round(start_ms(method), 2)
    print(json.dumps(result))
