package dev.concurrencylab.exercises;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * Resolves a grader's {@code Subject<Contract>} parameter: the class named by the configuration
 * parameter {@value #IMPLEMENTATION} when the grading run sets one, otherwise the exercise's own
 * file, the student's.
 */
public final class Subjects implements ParameterResolver {

    /** The configuration parameter that names the class to grade. */
    public static final String IMPLEMENTATION = "concurrencylab.exercise.implementation";

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Subject.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Type type = parameter.getParameter().getParameterizedType();
        if (!(type instanceof ParameterizedType generic) || !(generic.getActualTypeArguments()[0] instanceof Class<?> contract)) {
            throw new ParameterResolutionException("a Subject parameter names its interface: Subject<Threads.Tally>");
        }
        Exercise exercise = Exercises.byContract(contract)
                .orElseThrow(() -> new ParameterResolutionException("no exercise implements " + contract.getName()));
        String name = context.getConfigurationParameter(IMPLEMENTATION).orElse(exercise.skeleton().getName());
        try {
            Class<?> implementation = Class.forName(name, true, Thread.currentThread().getContextClassLoader());
            return new Subject<>(implementation.asSubclass(contract));
        } catch (ClassNotFoundException | ClassCastException e) {
            throw new ParameterResolutionException(name + " is not an implementation of " + contract.getSimpleName() + " here", e);
        }
    }
}
