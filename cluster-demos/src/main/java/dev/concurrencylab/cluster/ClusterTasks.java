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

    /** The notebook's {@code f(x) = x * x}: so cheap that what is measured is the trip. */
    static final class Square implements Callable<Long>, IdentifiedDataSerializable {
        static final int CLASS_ID = 1;
        long x;

        Square() {}

        Square(long x) {
            this.x = x;
        }

        @Override
        public Long call() {
            return x * x;
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

        @Override
        public int getClassId() {
            return CLASS_ID;
        }
    }

    /** CPU-bound work: the same countdown the thread and process lessons time. */
    static final class Countdown implements Callable<Long>, IdentifiedDataSerializable {
        static final int CLASS_ID = 2;
        long steps;

        Countdown() {}

        Countdown(long steps) {
            this.steps = steps;
        }

        @Override
        public Long call() {
            return CpuWork.countdown(steps);
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeLong(steps);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            steps = in.readLong();
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

    /** Sleep-bound work: a member thread that waits, as the notebooks' time.sleep. */
    static final class Sleep implements Callable<Long>, IdentifiedDataSerializable {
        static final int CLASS_ID = 5;
        long millis;

        Sleep() {}

        Sleep(long millis) {
            this.millis = millis;
        }

        @Override
        public Long call() throws InterruptedException {
            Thread.sleep(millis);
            return millis;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeLong(millis);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            millis = in.readLong();
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

    /** A task that fails on the member, to show how its cause reaches the caller. */
    static final class Failing implements Callable<Long>, IdentifiedDataSerializable {
        static final int CLASS_ID = 3;
        long x;

        Failing() {}

        Failing(long x) {
            this.x = x;
        }

        @Override
        public Long call() {
            throw new IllegalArgumentException("f(" + x + ") refused: " + x + " is not allowed");
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
