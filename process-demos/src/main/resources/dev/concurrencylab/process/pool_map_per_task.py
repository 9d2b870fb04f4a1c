"""CPython's Pool(2).map(f, range(1024), CHUNKSIZE) per task on a warm pool, for the process-pool lesson.

Prints the median microseconds per task over ROUNDS maps (after ROUNDS discarded ones).
Usage: pool_map_per_task.py ROUNDS [CHUNKSIZE] (without it, Python's default chunk size).
"""
import multiprocessing as mp
import statistics
import sys
import time


def f(x):
    return x


if __name__ == "__main__":
    rounds = int(sys.argv[1])
    chunksize = int(sys.argv[2]) if len(sys.argv) > 2 else None
    inputs = range(1024)
    with mp.Pool(2) as pool:
        for _ in range(rounds):
            pool.map(f, inputs, chunksize)
        samples = []
        for _ in range(rounds):
            start = time.perf_counter()
            pool.map(f, inputs, chunksize)
            samples.append((time.perf_counter() - start) / 1024 * 1e6)
    print("per_task_us", statistics.median(samples))
