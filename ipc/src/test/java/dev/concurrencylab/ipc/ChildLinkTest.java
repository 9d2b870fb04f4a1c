package dev.concurrencylab.ipc;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** Streams to a sink child arrive whole, and each check catches what it says it catches. */
class ChildLinkTest {

    @ParameterizedTest
    @EnumSource(value = ChildLink.Kind.class, names = {"PIPE", "UNIX"})
    void streamsOfSmallAndLargeFramesArriveWholeUnderEitherCheck(ChildLink.Kind kind) throws IOException {
        try (ChildLink sink = ChildLink.open(kind, "sink")) {
            for (ChildLink.Check check : ChildLink.Check.values()) {
                assertThat(sink.stream(1_000, 16, check)).as("16-byte frames, " + check)
                        .returns(true, ChildLink.Stream::intact).returns(1_000L, ChildLink.Stream::frames);
                assertThat(sink.stream(6, 1 << 20, check)).as("1 MiB frames, " + check)
                        .returns(true, ChildLink.Stream::intact).returns(6L << 20, ChildLink.Stream::bytes);
                assertThat(sink.stream(5, 100_000, check)).as("frames larger than the batch but smaller than the first allocation, " + check)
                        .returns(true, ChildLink.Stream::intact);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = ChildLink.Kind.class, names = {"PIPE", "UNIX"})
    void aStaleFrameIsCaughtByTheChecksumAndMissedByTheCounts(ChildLink.Kind kind) throws IOException {
        try (ChildLink sink = ChildLink.open(kind, "sink")) {
            assertThat(sink.stream(8, 1 << 20, ChildLink.Check.EVERY_BYTE, 5).intact()).as("every byte checked").isFalse();
            assertThat(sink.stream(8, 1 << 20, ChildLink.Check.FRAMES_AND_BYTES, 5).intact()).as("counts only").isTrue();
            assertThat(sink.stream(8, 1 << 20, ChildLink.Check.EVERY_BYTE).intact()).as("the sink is fine after a bad stream").isTrue();
        }
    }
}
