package dev.concurrencylab.exercises.graders;

import dev.concurrencylab.exercises.Subject;
import dev.concurrencylab.exercises.Subjects;
import dev.concurrencylab.exercises.processes.Processes;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Exercise 08. */
@ExtendWith(Subjects.class)
public class Grader08ChildCopy {

    @Test
    @DisplayName("the view comes from a child JVM that has ended, holds the list plus the value, and ours is unchanged")
    void isolation(Subject<Processes.ChildCopy> subject) throws Exception {
        Processes.ChildCopy copy = subject.create();
        List<Integer> ours = new ArrayList<>(List.of(1, 2, 3));
        AtomicReference<Processes.ChildView> view = new AtomicReference<>();
        try (Bounded threads = new Bounded()) {
            Thread caller = threads.start("appendInChild()", () -> view.set(copy.appendInChild(ours, 4)));
            assertThat(Bounded.until(() -> !caller.isAlive(), Bounded.CHILD_MUST_HAPPEN.multipliedBy(3)))
                    .withFailMessage("appendInChild() had not returned after %d s", Bounded.CHILD_MUST_HAPPEN.multipliedBy(3).toSeconds())
                    .isTrue();
            threads.assertNothingThrown("appendInChild()");
        }
        Processes.ChildView seen = view.get();
        assertThat(seen).withFailMessage("appendInChild() returned null").isNotNull();
        long me = ProcessHandle.current().pid();
        assertThat(seen.pid()).withFailMessage("the view came from this JVM (pid %d), not a child", me).isNotEqualTo(me);
        assertThat(Bounded.until(() -> ProcessHandle.of(seen.pid()).map(p -> !p.isAlive()).orElse(true), Bounded.CHILD_MUST_HAPPEN))
                .withFailMessage("the child (pid %d) was still alive %d s after appendInChild() returned", seen.pid(),
                        Bounded.CHILD_MUST_HAPPEN.toSeconds()).isTrue();
        assertThat(seen.list()).withFailMessage("the child saw %s, expected [1, 2, 3, 4]", seen.list()).isEqualTo(List.of(1, 2, 3, 4));
        assertThat(ours).withFailMessage("our list became %s: the value was appended in this JVM, not in a copy", ours)
                .isEqualTo(List.of(1, 2, 3));
    }
}
