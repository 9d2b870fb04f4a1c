package dev.concurrencylab.ipc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CodecTest {

    record Task(int id, long seed, String name, boolean urgent, double weight, byte[] data) {}

    record Unsupported(Thread thread) {}

    @Test
    void primitivesAndStringsRoundTrip() {
        assertThat(Codec.INT.fromBytes(Codec.INT.toBytes(-7))).isEqualTo(-7);
        assertThat(Codec.LONG.fromBytes(Codec.LONG.toBytes(Long.MIN_VALUE))).isEqualTo(Long.MIN_VALUE);
        assertThat(Codec.STRING.fromBytes(Codec.STRING.toBytes("grüße, 世界"))).isEqualTo("grüße, 世界");
        assertThat(Codec.BOOLEAN.fromBytes(Codec.BOOLEAN.toBytes(true))).isTrue();
    }

    @Test
    void recordsRoundTripComponentByComponent() {
        Codec<Task> codec = Codec.forRecord(Task.class);
        Task task = new Task(3, 42L, "square", true, 0.5, new byte[] {9, 8, 7});
        Task back = codec.fromBytes(codec.toBytes(task));
        assertThat(back).usingRecursiveComparison().isEqualTo(task);
    }

    @Test
    void malformedBytesAreAClearErrorNotAnObject() {
        Codec<Task> codec = Codec.forRecord(Task.class);
        byte[] bytes = codec.toBytes(new Task(1, 2, "x", false, 1, new byte[0]));
        assertThatThrownBy(() -> codec.fromBytes(java.util.Arrays.copyOf(bytes, bytes.length - 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Codec.INT.fromBytes(new byte[5])).hasMessageContaining("1 bytes left over");
        assertThatThrownBy(() -> Codec.BOOLEAN.fromBytes(new byte[] {7})).hasMessageContaining("0 or 1");
        assertThatThrownBy(() -> Codec.BYTES.fromBytes(new byte[] {0x7f, 0, 0, 0})).hasMessageContaining("byte array length");
    }

    @Test
    void onlyKnownComponentTypesAreAccepted() {
        assertThatThrownBy(() -> Codec.forRecord(Unsupported.class)).hasMessageContaining("java.lang.Thread");
    }
}
