"""CPython's Pool(2).map(f, range(1024)) per task on a warm pool, for the process-pool lesson.

Prints the median microseconds per task over ROUNDS maps (after ROUNDS discarded ones), and the version.
"""
import multiprocessing as mp
import statistics
import sys
import time


def f(x):
    return x


if __name__ == "__main__":
    rounds = int(sys.argv[1])
    inputs = range(1024)
    with mp.Pool(2) as pool:
        for _ in range(rounds):
            pool.map(f, inputs)
        samples = []
        for _ in range(rounds):
            start = time.perf_counter()
            pool.map(f, inputs)
            samples.append((time.perf_counter() - start) / 1024 * 1e6)
    print("per_task_us", statistics.median(samples))
