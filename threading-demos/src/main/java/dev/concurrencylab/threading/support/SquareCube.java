package dev.concurrencylab.threading.support;

import dev.concurrencylab.core.gil.Interpreter;
import dev.concurrencylab.core.work.CpuWork;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Notebook 002's calc_square and calc_cube, with a sleep or with busy work before each number. */
public final class SquareCube {

    private SquareCube() {}

    /** The {@code power}-th powers of {@code numbers}, sleeping {@code perNumber} before each. */
    public static List<Long> withSleep(int[] numbers, int power, Duration perNumber) throws InterruptedException {
        List<Long> powers = new ArrayList<>();
        for (int number : numbers) {
            Thread.sleep(perNumber);
            powers.add(power(number, power));
        }
        return powers;
    }

    /** The same with {@code stepsPerNumber} countdown steps instead of a sleep. */
    public static List<Long> withBusyWork(int[] numbers, int power, long stepsPerNumber, Interpreter interpreter) {
        List<Long> powers = new ArrayList<>();
        for (long value : CpuWork.powers(numbers, power, stepsPerNumber, interpreter)) {
            powers.add(value);
        }
        return powers;
    }

    private static long power(int number, int power) {
        long value = 1;
        for (int p = 0; p < power; p++) {
            value *= number;
        }
        return value;
    }
}
