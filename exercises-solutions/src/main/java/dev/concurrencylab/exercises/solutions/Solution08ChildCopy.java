package dev.concurrencylab.exercises.solutions;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.child.ChildJvm;
import dev.concurrencylab.core.child.ChildSide;
import dev.concurrencylab.exercises.processes.Processes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Exercise 08, solved: the list goes to the child as text; the child appends to its own list and prints it. */
public final class Solution08ChildCopy implements Processes.ChildCopy {

    /** The child: its list is built from its arguments, so it can only be a copy. */
    public static final class Child {
        public static void main(String[] args) {
            ChildSide.exitWhenParentDies();
            List<Integer> list = new ArrayList<>(args[0].isEmpty() ? List.of()
                    : Arrays.stream(args[0].split(",")).map(Integer::valueOf).toList());
            list.add(Integer.valueOf(args[1]));
            System.out.println("view " + ProcessHandle.current().pid() + " "
                    + list.stream().map(String::valueOf).collect(Collectors.joining(",")));
        }
    }

    @Override
    public Processes.ChildView appendInChild(List<Integer> list, int value) {
        String items = list.stream().map(String::valueOf).collect(Collectors.joining(","));
        try (ChildJvm child = ChildJvm.builder(Child.class).name("copy").arguments(items, Integer.toString(value)).start()) {
            String[] answer = child.awaitValue("view ", Timeouts.seconds(60), "report its list").split(" ");
            child.waitFor(Timeouts.seconds(60));
            List<Integer> seen = Arrays.stream(answer[1].split(",")).map(Integer::valueOf).toList();
            return new Processes.ChildView(Long.parseLong(answer[0]), seen);
        }
    }
}
