package dev.concurrencylab.cluster;

import dev.concurrencylab.core.work.CpuWork;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The code the lessons send to members: tasks for an executor and an entry processor. Each is an
 * {@link IdentifiedDataSerializable}: a factory id and a class id on the wire, then its fields,
 * and a factory on the other side that knows only these classes. So a member never turns bytes
 * from another process into an arbitrary Java object (Java serialization is also restricted to
 * this package by {@link ClusterSettings}).
 */
final class ClusterTasks {

    static final int FACTORY_ID = 1964;

    private ClusterTasks() {}

    static final class Factory implements DataSerializableFactory {
        @Override
        public IdentifiedDataSerializable create(int classId) {
            return switch (classId) {
                case Square.CLASS_ID -> new Square();
                case Countdown.CLASS_ID -> new Countdown();
                case Failing.CLASS_ID -> new Failing();
                case Increment.CLASS_ID -> new Increment();
                case Sleep.CLASS_ID -> new Sleep();
                default -> null; // Hazelcast reports an unknown class id as a serialization error
            };
        }
    }

    /** What every task here is on the wire: this factory's id, a class id, one long. */
    abstract static class OneLongTask implements Callable<Long>, IdentifiedDataSerializable {
        long x;

        OneLongTask() {}

        OneLongTask(long x) {
            this.x = x;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeLong(x);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            x = in.readLong();
        }

        @Override
        public int getFactoryId() {
            return FACTORY_ID;
        }
    }

    /** The notebook's {@code f(x) = x * x}: so cheap that what is measured is the trip. */
    static final class Square extends OneLongTask {
        static final int CLASS_ID = 1;

        Square() {}

        Square(long x) {
            super(x);
        }

        @Override
        public Long call() {
            return x * x;
        }

        @Override
        public int getClassId() {
            return CLASS_ID;
        }
    }

    /** CPU-bound work: the same countdown of {@code x} steps the thread and process lessons time. */
    static final class Countdown extends OneLongTask {
        static final int CLASS_ID = 2;

        Countdown() {}

        Countdown(long steps) {
            super(steps);
        }

        @Override
        public Long call() {
            return CpuWork.countdown(x);
        }

        @Override
        public int getClassId() {
            return CLASS_ID;
        }
    }

    /** Sleep-bound work: a member thread that waits {@code x} ms, as the notebooks' time.sleep. */
    static final class Sleep extends OneLongTask {
        static final int CLASS_ID = 5;

        Sleep() {}

        Sleep(long millis) {
            super(millis);
        }

        @Override
        public Long call() throws InterruptedException {
            Thread.sleep(x);
            return x;
        }

        @Override
        public int getClassId() {
            return CLASS_ID;
        }
    }

    /** A task that fails on the member, to show how its cause reaches the caller. */
    static final class Failing extends OneLongTask {
        static final int CLASS_ID = 3;

        Failing() {}

        Failing(long x) {
            super(x);
        }

        @Override
        public Long call() {
            throw new IllegalArgumentException("f(" + x + ") refused: " + x + " is not allowed");
        }

        @Override
        public int getClassId() {
            return CLASS_ID;
        }
    }

    /** Adds one to a counter where it lives: on the partition's owner, one entry processor at a time per key. */
    static final class Increment implements EntryProcessor<String, Long, Long>, IdentifiedDataSerializable {
        static final int CLASS_ID = 4;

        @Override
        public Long process(Map.Entry<String, Long> entry) {
            long next = (entry.getValue() == null ? 0 : entry.getValue()) + 1;
            entry.setValue(next);
            return next;
        }

        @Override
        public void writeData(ObjectDataOutput out) {
            // no fields
        }

        @Override
        public void readData(ObjectDataInput in) {
            // no fields
        }

        @Override
        public int getFactoryId() {
            return FACTORY_ID;
        }

        @Override
        public int getClassId() {
            return CLASS_ID;
        }
    }
}
