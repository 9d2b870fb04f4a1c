package dev.concurrencylab.exercises;

import java.lang.reflect.InvocationTargetException;

/**
 * The implementation a grader tests, handed to its test methods as a parameter by
 * {@link Subjects}: the student's class unless the grading run names another (a reference
 * solution, a wrong answer).
 */
public final class Subject<T> {

    private final Class<? extends T> implementation;

    public Subject(Class<? extends T> implementation) {
        this.implementation = implementation;
    }

    /** A new instance, through the implementation's public no-argument constructor. */
    public T create() {
        return construct("without arguments", new Class<?>[0]);
    }

    /** A new instance, through the implementation's public constructor that takes one {@code int} (a buffer's capacity). */
    public T create(int argument) {
        return construct("that takes an int", new Class<?>[] {int.class}, argument);
    }

    private T construct(String which, Class<?>[] types, Object... arguments) {
        try {
            return implementation.getDeclaredConstructor(types).newInstance(arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(implementation.getName() + " needs a public constructor " + which, e);
        }
    }

    public Class<? extends T> implementation() {
        return implementation;
    }
}
