package dev.concurrencylab.lab;

import picocli.CommandLine.Option;

/** The options every command that runs lessons takes. */
final class LessonOptions {

    @Option(names = "--quick", description = "smaller sizes: the whole tour in under two minutes on 2 cores")
    boolean quick;

    @Option(names = "--verbose", description = "on failure, print the whole stack trace; in the cluster chapter, Hazelcast's own log too")
    boolean verbose;
}
