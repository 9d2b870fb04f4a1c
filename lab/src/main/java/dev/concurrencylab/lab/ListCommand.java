package dev.concurrencylab.lab;

import dev.concurrencylab.core.lesson.Lesson;
import dev.concurrencylab.core.lesson.Parameter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code concurrency-lab list [--params]}: every lesson, in curriculum order, why any cannot run here, and its knobs. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the lessons in curriculum order.")
final class ListCommand implements Runnable {

    @ParentCommand
    private ConcurrencyLab lab;

    @Option(names = "--params", description = "under each lesson, the parameters 'run <id> -p NAME=VALUE' takes")
    private boolean params;

    @Override
    public void run() {
        int width = lab.lessons.all().stream().mapToInt(lesson -> lesson.id().length()).max().orElse(2);
        for (Lesson lesson : lab.lessons.all()) {
            lab.out.printf("%-5s %-" + width + "s  %s  (%s)%s%n", lesson.place(), lesson.id(), lesson.title(),
                    LessonRunner.mirrors(lesson), lesson.unavailable().map(why -> "  UNAVAILABLE: " + why).orElse(""));
            if (params) {
                for (Parameter parameter : lesson.parameters()) {
                    lab.out.printf("      -p %s%n", parameter.describe());
                }
            }
        }
    }
}
