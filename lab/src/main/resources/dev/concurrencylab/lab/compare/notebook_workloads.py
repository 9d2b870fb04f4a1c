"""CPython's side of `concurrency-lab compare --python`.

The notebooks' own workloads and their own way of running them: notebook 003's countdown loop,
time.sleep, threading.Thread and multiprocessing.Process, each started and joined. To compare with
the Java side, which times its child JVMs from "go", the processes first meet at a barrier and the
clock starts when the first of them leaves it (each writes down when it did: the parent may be
scheduled only later, when the workers outnumber the cores); a thread's start is cheap enough to time.

Output, one line each:
    python <version>
    count <countdown steps for one worker>
    result <workload> <contender> <workers> <wall seconds> <cpu seconds or nan>
"""
import argparse
import os
import platform
import sys
import time
from multiprocessing import Array, Barrier, Process
from threading import Thread


def countdown(n):
    while n > 0:
        n -= 1


def steps_for(seconds):
    """How many countdown steps one thread needs for `seconds` here."""
    n = 100_000
    while True:
        start = time.perf_counter()
        countdown(n)
        took = time.perf_counter() - start
        if took > 0.05:
            return int(n * seconds / took)
        n *= 4


def children_cpu():
    t = os.times()
    return t.children_user + t.children_system


def on_threads(target, shares):
    threads = [Thread(target=target, args=(share,)) for share in shares]
    cpu = time.process_time()
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - start, time.process_time() - cpu


def after_barrier(barrier, started, index, target, share):
    barrier.wait()
    started[index] = time.time()  # time.time(): one clock for all processes
    target(share)


def on_processes(target, shares):
    barrier = Barrier(len(shares) + 1)
    started = Array("d", len(shares), lock=False)
    processes = [Process(target=after_barrier, args=(barrier, started, i, target, share))
                 for i, share in enumerate(shares)]
    for process in processes:
        process.start()
    try:
        cpu = children_cpu()
        barrier.wait(timeout=120)
        for process in processes:
            process.join()
        wall = time.time() - min(started)
        used = children_cpu() - cpu
        failed = [p.exitcode for p in processes if p.exitcode != 0]
        if failed:
            sys.exit("a worker process failed with exit code %s" % failed[0])
        # os.times() has no children's times on Windows
        return wall, float("nan") if os.name == "nt" else used
    finally:
        for process in processes:
            if process.is_alive():
                process.kill()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cpu-seconds", type=float, required=True)
    parser.add_argument("--sleep-seconds", type=float, required=True)
    parser.add_argument("--workers", required=True, help="comma-separated worker counts")
    parser.add_argument("--count", type=int, help="countdown steps for one worker, from an earlier round")
    args = parser.parse_args()
    counts = [int(n) for n in args.workers.split(",")]

    print("python", platform.python_version(), flush=True)
    count = args.count or steps_for(args.cpu_seconds)
    print("count", count, flush=True)
    for workload, target, shares_of in (("sleep-bound", time.sleep, lambda n: [args.sleep_seconds / n] * n),
                                        ("cpu-bound", countdown, lambda n: [count // n] * n)):
        if target is countdown:
            countdown(count // 2)  # untimed: the first timed point must not be the one that wakes the cores up
        for workers in counts:
            for contender, run in (("cpython-threads", on_threads), ("cpython-processes", on_processes)):
                wall, cpu = run(target, shares_of(workers))
                print("result", workload, contender, workers, "%.6f" % wall, "%.6f" % cpu, flush=True)


if __name__ == "__main__":
    main()
