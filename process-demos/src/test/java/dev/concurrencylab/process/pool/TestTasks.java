package dev.concurrencylab.process.pool;

import dev.concurrencylab.ipc.Codec;

import java.nio.file.Files;
import java.nio.file.Path;

/** Tasks for {@link ProcessPoolTest}, each one way a task can behave in a worker. */
final class TestTasks {

    private TestTasks() {}

    static final class Square extends AbstractPoolTask<Integer, Long> {
        public Square() {
            super(Codec.INT, Codec.LONG);
        }

        @Override
        public Long apply(Integer x) {
            return (long) x * x;
        }
    }

    /** Throws on 500, as the thread-pool lesson's task does. */
    static final class FailOn500 extends AbstractPoolTask<Integer, Integer> {
        public FailOn500() {
            super(Codec.INT, Codec.INT);
        }

        @Override
        public Integer apply(Integer x) {
            if (x == 500) {
                throw new IllegalArgumentException("500 is not welcome here");
            }
            return x;
        }
    }

    /** Kills its JVM the first time it sees a marker path that does not exist yet; returns 1 after. */
    static final class DieOnce extends AbstractPoolTask<String, Integer> {
        public DieOnce() {
            super(Codec.STRING, Codec.INT);
        }

        @Override
        public Integer apply(String marker) throws Exception {
            Path path = Path.of(marker);
            if (!Files.exists(path)) {
                Files.createFile(path);
                Runtime.getRuntime().halt(9); // as sudden as kill -9: no shutdown hook, no answer
            }
            return 1;
        }
    }

    /**
     * An absolute path: the first time (no file there yet), leaves the file and sleeps for a minute,
     * to be killed in; after that, returns 1 at once. Anything else: returns its length.
     */
    static final class NapOnce extends AbstractPoolTask<String, Integer> {
        public NapOnce() {
            super(Codec.STRING, Codec.INT);
        }

        @Override
        public Integer apply(String input) throws Exception {
            Path path = Path.of(input);
            if (!path.isAbsolute()) {
                return input.length();
            }
            if (!Files.exists(path)) {
                Files.createFile(path);
                Thread.sleep(60_000);
            }
            return 1;
        }
    }

    /** Kills its JVM every time. */
    static final class AlwaysDie extends AbstractPoolTask<Integer, Integer> {
        public AlwaysDie() {
            super(Codec.INT, Codec.INT);
        }

        @Override
        public Integer apply(Integer x) {
            Runtime.getRuntime().halt(9);
            return x;
        }
    }

    /** Leaves a file named after its pid in the given directory, then sleeps for a minute. */
    static final class MarkAndNap extends AbstractPoolTask<String, Integer> {
        public MarkAndNap() {
            super(Codec.STRING, Codec.INT);
        }

        @Override
        public Integer apply(String directory) throws Exception {
            Files.createFile(Path.of(directory, Long.toString(ProcessHandle.current().pid())));
            Thread.sleep(60_000);
            return 0;
        }
    }

    /** Prints a line on System.out and one on System.err, as the notebooks' workers print "Done.". */
    static final class Chatty extends AbstractPoolTask<Integer, Integer> {
        public Chatty() {
            super(Codec.INT, Codec.INT);
        }

        @Override
        public Integer apply(Integer x) {
            System.out.println("done " + x);
            System.err.println("err " + x);
            return x;
        }
    }

    /** Writes bytes to System.out that read as a frame announcing 2 GiB, then an op byte (and a newline): what a frame reader would choke on. */
    static final class FrameLikeBytes extends AbstractPoolTask<Integer, Integer> {
        public FrameLikeBytes() {
            super(Codec.INT, Codec.INT);
        }

        @Override
        public Integer apply(Integer x) {
            System.out.write(new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 2, 0, 0, 0, 0}, 0, 9);
            System.out.println();
            return x;
        }
    }

    /** Closes System.out, then prints on it again. */
    static final class ClosesStdout extends AbstractPoolTask<Integer, Integer> {
        public ClosesStdout() {
            super(Codec.INT, Codec.INT);
        }

        @Override
        public Integer apply(Integer x) {
            System.out.close();
            System.out.println("after close " + x);
            return x;
        }
    }

    /** Calls System.exit(3), as a script's worker might. */
    static final class ExitThree extends AbstractPoolTask<Integer, Integer> {
        public ExitThree() {
            super(Codec.INT, Codec.INT);
        }

        @Override
        public Integer apply(Integer x) {
            System.exit(3);
            return x;
        }
    }

    /** Never returns on its own: sleeps for ten minutes. */
    static final class Hangs extends AbstractPoolTask<Integer, Integer> {
        public Hangs() {
            super(Codec.INT, Codec.INT);
        }

        @Override
        public Integer apply(Integer x) throws Exception {
            Thread.sleep(600_000);
            return x;
        }
    }
}
