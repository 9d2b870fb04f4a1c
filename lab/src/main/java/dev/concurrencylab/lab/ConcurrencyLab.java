package dev.concurrencylab.lab;

import dev.concurrencylab.core.lesson.Lessons;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The launcher: {@code ./concurrency-lab list | run <id> | tour | compare | observed}.
 *
 * <p>Exit codes: 0 when everything ran, 1 when a lesson failed, 2 for a mistake on the command
 * line (an unknown lesson, a bad option). A mistake gets a short message, never a stack trace.
 */
@Command(name = "concurrency-lab",
        mixinStandardHelpOptions = true,
        versionProvider = ConcurrencyLab.Version.class,
        description = "Threads versus processes in Java, measured on this machine.",
        subcommands = {ListCommand.class, RunCommand.class, SweepCommand.class, TourCommand.class, CompareCommand.class,
                ObservedCommand.class, ExercisesCommand.class, CheckCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Start with: concurrency-lab tour --quick"})
public final class ConcurrencyLab implements Runnable {

    static final int LESSON_FAILED = 1;
    static final int USAGE = 2;
    /** {@code run} of a lesson that this build or this JVM cannot run (a newer-JDK lesson); the reason is printed. */
    static final int UNAVAILABLE = 3;

    final Lessons lessons;
    final PrintStream out;
    final PrintStream err;

    ConcurrencyLab(Lessons lessons, PrintStream out, PrintStream err) {
        this.lessons = lessons;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        int code = execute(new ConcurrencyLab(Lessons.discover(), out, err), args);
        System.exit(code);
    }

    /** Runs the command line; separate from {@link #main} so that tests can call it. */
    static int execute(ConcurrencyLab lab, String... args) {
        CommandLine commandLine = new CommandLine(lab);
        // 'run <id> --help' ends with that lesson's knobs: the id is parsed by the time the help is drawn.
        commandLine.getSubcommands().get("run").getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER,
                help -> ((RunCommand) help.commandSpec().userObject()).parametersHelp());
        commandLine.setOut(new PrintWriter(lab.out, true));
        commandLine.setErr(new PrintWriter(lab.err, true));
        commandLine.setParameterExceptionHandler((exception, arguments) -> {
            lab.err.println("concurrency-lab: " + exception.getMessage());
            lab.err.println("Try 'concurrency-lab --help'.");
            return USAGE;
        });
        commandLine.setExecutionExceptionHandler((exception, command, parseResult) -> {
            lab.err.println("concurrency-lab: " + exception);
            return LESSON_FAILED;
        });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(out);
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ConcurrencyLab.class.getPackage().getImplementationVersion();
            return new String[] {"concurrency-lab " + (version == null ? "(development build)" : version),
                    "JVM: ${java.vm.name} ${java.version}, ${os.name} ${os.arch}"};
        }
    }
}
