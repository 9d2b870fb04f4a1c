package dev.concurrencylab.process.pool;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.child.ChildJvm;
import dev.concurrencylab.core.testing.Await;
import dev.concurrencylab.core.testing.TestThreads;
import dev.concurrencylab.ipc.Codec;
import dev.concurrencylab.ipc.FrameChannel;
import dev.concurrencylab.ipc.PrivateDirectory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcessPoolTest {

    private static ProcessPool pool;
    private static final List<Long> EVERY_PID = Collections.synchronizedList(new ArrayList<>());

    @RegisterExtension
    final TestThreads threads = new TestThreads();

    @BeforeAll
    static void startPool() throws IOException {
        pool = ProcessPool.start(2);
        EVERY_PID.addAll(pool.pids());
    }

    @AfterAll
    static void closePoolAndCheckNothingIsLeft() {
        EVERY_PID.addAll(pool.pids());
        pool.close();
        assertThat(EVERY_PID).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .as("worker " + pid + " alive after close").isFalse());
    }

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    @Test
    void mapReturnsResultsInInputOrderWhateverTheChunksize() throws IOException {
        List<Long> squares = range(1024).stream().map(x -> (long) x * x).toList();
        assertThat(pool.map(TestTasks.Square.class, range(1024))).isEqualTo(squares);
        assertThat(pool.map(TestTasks.Square.class, range(1024), 1)).isEqualTo(squares);
        assertThat(pool.map(TestTasks.Square.class, range(1024), 5000)).isEqualTo(squares);
        assertThat(pool.map(TestTasks.Square.class, List.of())).isEmpty();
        assertThat(pool.defaultChunksize(1024)).isEqualTo(128); // Python: ceil(1024 / (4 * 2))
    }

    @Test
    void closeJoinsThePoolsDispatcherThreads() throws Exception {
        // Each dispatcher thread, its executor done with it, is held at its very end until close()
        // has returned (or a bound passes). The executor reports termination before that point, so
        // a close() that awaits termination instead of joining returns while they are held, every time.
        CountDownLatch closeReturned = new CountDownLatch(1);
        CountDownLatch held = new CountDownLatch(1);
        Runnable holdUntilCloseReturned = () -> {
            held.countDown();
            try {
                closeReturned.await(Timeouts.seconds(3).toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        try {
            ProcessPool own = ProcessPool.builder(2).dispatcherThreadEnding(holdUntilCloseReturned).start();
            assertThat(own.imap(TestTasks.Square.class, range(64), 4)).toIterable().hasSize(64);
            own.close();
            assertThat(dispatchersNotIn(before)).as("dispatcher and deadline threads of the closed pool still alive").isEmpty();
            assertThat(held.getCount()).as("no dispatcher thread was held: the test proved nothing").isZero();
        } finally {
            closeReturned.countDown();
        }
    }

    private static List<Thread> dispatchersNotIn(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("pool-") && !before.contains(thread)).toList();
    }

    @Test
    void imapHandsOutResultsInOrder() throws IOException {
        List<Long> streamed = new ArrayList<>();
        pool.imap(TestTasks.Square.class, range(100), 7).forEachRemaining(streamed::add);
        assertThat(streamed).isEqualTo(range(100).stream().map(x -> (long) x * x).toList());
    }

    @Test
    void aFailingTaskIsReportedWithItsRemoteStackAndThePoolStaysUsable() throws IOException {
        assertThatThrownBy(() -> pool.map(TestTasks.FailOn500.class, range(1024)))
                .isInstanceOfSatisfying(TaskFailedException.class, failure -> {
                    assertThat(failure.inputIndex()).isEqualTo(500);
                    assertThat(failure.remoteType()).isEqualTo(IllegalArgumentException.class.getName());
                    assertThat(failure.getMessage()).contains("500 is not welcome here");
                    assertThat(failure.remoteStackTrace()).contains("TestTasks$FailOn500.apply");
                });
        assertThat(pool.map(TestTasks.Square.class, range(10))).hasSize(10);
    }

    @Test
    void aWorkerThatDiesMidChunkIsReplacedAndTheChunkRetriedOnce() throws IOException {
        try (PrivateDirectory directory = PrivateDirectory.create("test")) {
            String marker = directory.path().resolve("died-once").toString();
            List<Long> before = pool.pids();
            assertThat(pool.map(TestTasks.DieOnce.class, List.of(marker))).containsExactly(1);
            EVERY_PID.addAll(pool.pids());
            assertThat(pool.pids()).isNotEqualTo(before); // one slot has a fresh worker
            assertThat(before).anySatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse());
        }
    }

    @Test
    void aWorkerKilledWithTwoChunksInItsPipeIsReplacedAndBothAreSentAgainInOrder() throws Throwable {
        try (ProcessPool one = ProcessPool.builder(1).start(); PrivateDirectory marks = PrivateDirectory.create("test")) {
            long victim = one.pids().getFirst();
            EVERY_PID.add(victim);
            Path napping = marks.path().resolve("napping");
            List<Integer> results = Collections.synchronizedList(new ArrayList<>());
            threads.start("mapper", () -> results.addAll(one.map(TestTasks.NapOnce.class,
                    List.of(napping.toString(), "ab", "abc", "abcd"), 1)));
            // chunk 0 runs (it naps), chunk 1 waits in the pipe behind it, chunks 2 and 3 wait for room
            Await.until("chunk 0 napping with chunk 1 behind it", () -> Files.exists(napping) && one.inFlight(0) == 2);
            ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
            threads.joinAll();
            assertThat(results).containsExactly(1, 2, 3, 4);
            assertThat(one.pids()).doesNotContain(victim);
            EVERY_PID.addAll(one.pids());
        }
    }

    @Test
    void aChunkThatKillsEveryWorkerFailsTheMapAndThePoolRecovers() throws IOException {
        assertThatThrownBy(() -> pool.map(TestTasks.AlwaysDie.class, List.of(1)))
                .isInstanceOf(WorkerDiedException.class).hasMessageContaining("lost two workers");
        EVERY_PID.addAll(pool.pids());
        assertThat(pool.map(TestTasks.Square.class, range(100))).hasSize(100);
        EVERY_PID.addAll(pool.pids());
    }

    @Test
    void aWorkerKilledFromOutsideBetweenMapsIsReplaced() throws IOException {
        long victim = pool.pids().getFirst();
        ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
        Await.until("the killed worker to be gone", () -> ProcessHandle.of(victim).map(p -> !p.isAlive()).orElse(true));
        assertThat(pool.map(TestTasks.Square.class, range(64), 1)).hasSize(64);
        EVERY_PID.addAll(pool.pids());
    }

    @Test
    void closeDuringAMapFailsTheMapAndLeavesNoProcess() throws Throwable {
        try (ProcessPool doomed = ProcessPool.start(2); PrivateDirectory marks = PrivateDirectory.create("test")) {
            List<Long> pids = doomed.pids();
            String directory = marks.path().toString();
            threads.start("mapper", () -> assertThatThrownBy(() -> doomed.map(TestTasks.MarkAndNap.class,
                    Collections.nCopies(4, directory), 1)).hasMessageContaining("closed during the map"));
            Await.until("both workers inside a task", () -> marks.path().toFile().list().length == 2);
            doomed.close();
            threads.joinAll();
            assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse());
        }
    }

    @Test
    void aWorkerRefusesToInstantiateAClassThatIsNotAPoolTask() throws IOException {
        try (ChildJvm worker = ChildJvm.builder(PoolWorker.class).binaryStdout().start();
             FrameChannel channel = FrameChannel.over(worker.stdout(), worker.stdin())) {
            assertThat(channel.receive()).isEmpty(); // ready
            channel.send(PoolProtocol.chunk(0, true, "java.lang.ProcessBuilder", Codec.BYTES, List.of(new byte[0])));
            ByteBuffer answer = ByteBuffer.wrap(channel.receive());
            assertThat(answer.get()).isEqualTo(PoolProtocol.FAILED);
            assertThat(new String(answer.array())).contains("is not a PoolTask");
            worker.stdin().close();
            assertThat(worker.waitFor(Timeouts.seconds(30))).isZero();
        }
    }

    @Test
    void aTaskMayPrintItsLinesReachTheCallerInOrderAndNoFrameIsHurt() throws IOException {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        try (ProcessPool chatty = ProcessPool.builder(1).taskOutput(lines::add).start()) {
            assertThat(chatty.map(TestTasks.Chatty.class, range(6), 2)).isEqualTo(range(6));
            assertThat(chatty.map(TestTasks.FrameLikeBytes.class, range(4), 1)).isEqualTo(range(4));
            assertThat(chatty.map(TestTasks.ClosesStdout.class, range(3), 1)).isEqualTo(range(3));
            assertThat(chatty.map(TestTasks.Square.class, range(10))).hasSize(10); // the frames still flow
            List<String> expected = new ArrayList<>();
            for (int x = 0; x < 6; x++) {
                expected.add("pool-worker-0: done " + x);
                expected.add("pool-worker-0: err " + x);
            }
            // Both streams of a worker end in one pipe, so its lines keep the order they were printed in.
            // Twelve lines, and a line of frame-like bytes for each of four items. What a task prints
            // on a System.out it closed is dropped, as in any JVM; the frames are not hurt by it.
            Await.until("sixteen printed lines to reach the caller", () -> lines.size() >= 16);
            assertThat(lines.stream().filter(expected::contains).toList()).as("all lines: %s", lines).isEqualTo(expected);
        }
    }

    @Test
    void aTaskThatExitsSaysSoWithItsCodeAndChunk() throws IOException {
        try (ProcessPool exiting = ProcessPool.builder(1).start()) {
            EVERY_PID.addAll(exiting.pids());
            assertThatThrownBy(() -> exiting.map(TestTasks.ExitThree.class, List.of(7)))
                    .isInstanceOf(WorkerDiedException.class)
                    .hasMessageContaining("chunk 0 lost two workers")
                    .hasMessageContaining("exited with code 3 while running chunk 0");
            EVERY_PID.addAll(exiting.pids());
            assertThat(exiting.map(TestTasks.Square.class, range(8))).hasSize(8);
        }
    }

    @Test
    void aChunkPastItsDeadlineFailsTheMapOnceAndItsWorkerIsReplaced() throws IOException {
        try (ProcessPool slow = ProcessPool.builder(1).chunkDeadline(Timeouts.seconds(2)).start()) {
            long hung = slow.pids().getFirst();
            EVERY_PID.add(hung);
            assertThatThrownBy(() -> slow.map(TestTasks.Hangs.class, List.of(1)))
                    .isInstanceOf(WorkerDiedException.class)
                    .hasMessageContaining("chunk 0 did not finish within")
                    .hasMessageContaining("not tried again");
            assertThat(ProcessHandle.of(hung).map(ProcessHandle::isAlive).orElse(false)).as("the hung worker").isFalse();
            assertThat(slow.map(TestTasks.Square.class, range(8))).hasSize(8);
            EVERY_PID.addAll(slow.pids());
        }
    }
}
