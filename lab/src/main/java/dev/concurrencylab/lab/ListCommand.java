package dev.concurrencylab.lab;

import dev.concurrencylab.core.lesson.Lesson;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code concurrency-lab list}: every lesson, in curriculum order, and why any cannot run here. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the lessons in curriculum order.")
final class ListCommand implements Runnable {

    @ParentCommand
    private ConcurrencyLab lab;

    @Override
    public void run() {
        int width = lab.lessons.all().stream().mapToInt(lesson -> lesson.id().length()).max().orElse(2);
        for (Lesson lesson : lab.lessons.all()) {
            lab.out.printf("%-5s %-" + width + "s  %s  (%s)%s%n", lesson.place(), lesson.id(), lesson.title(),
                    LessonRunner.mirrors(lesson), lesson.unavailable().map(why -> "  UNAVAILABLE: " + why).orElse(""));
        }
    }
}
