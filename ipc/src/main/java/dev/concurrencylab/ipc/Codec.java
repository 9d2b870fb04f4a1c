package dev.concurrencylab.ipc;

import java.lang.reflect.Constructor;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.RecordComponent;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a value becomes bytes and back, explicitly.
 *
 * <p>Python's multiprocessing pickles whatever it is given, and unpickling bytes from another
 * process can run arbitrary code. Java's {@code ObjectInputStream} has the same danger. Here
 * nothing is deserialized by class name: a codec knows its one type, and decoding can only build
 * that type. Supported: {@code int}, {@code long}, {@code double}, {@code boolean},
 * {@link String} (UTF-8), {@code byte[]}, and records whose components are all of those.
 *
 * <p>Format: big-endian; a string or byte array is a 4-byte length then its bytes; a record is
 * its components in declaration order.
 */
public interface Codec<T> {

    /** Appends {@code value} to {@code out}, growing it as needed; returns the buffer written to. */
    ByteBuffer encode(T value, ByteBuffer out);

    /** Reads one value from {@code in}; a malformed input gives an {@link IllegalArgumentException}. */
    T decode(ByteBuffer in);

    /** {@code value} as a new byte array. */
    default byte[] toBytes(T value) {
        ByteBuffer out = encode(value, ByteBuffer.allocate(64)).flip();
        byte[] bytes = new byte[out.remaining()];
        out.get(bytes);
        return bytes;
    }

    /** The value in {@code bytes}, which must hold exactly one. */
    default T fromBytes(byte[] bytes) {
        return fromBuffer(ByteBuffer.wrap(bytes));
    }

    /** The value in the remaining bytes of {@code bytes}, which must hold exactly one. */
    default T fromBuffer(ByteBuffer bytes) {
        int length = bytes.remaining();
        T value;
        try {
            value = decode(bytes);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("the bytes end before the value does (" + length + " bytes)", e);
        }
        if (bytes.hasRemaining()) {
            throw new IllegalArgumentException(bytes.remaining() + " bytes left over after the value");
        }
        return value;
    }

    Codec<Integer> INT = of((v, out) -> ensure(out, 4).putInt(v), ByteBuffer::getInt);
    Codec<Long> LONG = of((v, out) -> ensure(out, 8).putLong(v), ByteBuffer::getLong);
    Codec<Double> DOUBLE = of((v, out) -> ensure(out, 8).putDouble(v), ByteBuffer::getDouble);
    Codec<Boolean> BOOLEAN = of((v, out) -> ensure(out, 1).put((byte) (v ? 1 : 0)), in -> switch (in.get()) {
        case 0 -> false;
        case 1 -> true;
        default -> throw new IllegalArgumentException("a boolean is 0 or 1");
    });
    Codec<byte[]> BYTES = of((v, out) -> ensure(out, 4 + v.length).putInt(v.length).put(v), in -> {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("byte array length " + length + " with " + in.remaining() + " bytes left");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    });
    Codec<String> STRING = of((v, out) -> BYTES.encode(v.getBytes(StandardCharsets.UTF_8), out),
            in -> new String(BYTES.decode(in), StandardCharsets.UTF_8));

    /** A codec for a record whose components are all of the supported types. */
    static <R extends Record> Codec<R> forRecord(Class<R> type) {
        return RecordCodec.of(type);
    }

    /** Encoding half of a codec. */
    @FunctionalInterface
    interface Encoder<T> {
        ByteBuffer encode(T value, ByteBuffer out);
    }

    /** Decoding half of a codec. */
    @FunctionalInterface
    interface Decoder<T> {
        T decode(ByteBuffer in);
    }

    static <T> Codec<T> of(Encoder<T> encoder, Decoder<T> decoder) {
        return new Codec<>() {
            @Override
            public ByteBuffer encode(T value, ByteBuffer out) {
                return encoder.encode(value, out);
            }

            @Override
            public T decode(ByteBuffer in) {
                return decoder.decode(in);
            }
        };
    }

    /** {@code out}, or a copy of it twice as large (or larger), with room for {@code bytes} more. */
    static ByteBuffer ensure(ByteBuffer out, int bytes) {
        if (out.remaining() >= bytes) {
            return out;
        }
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + bytes));
        return bigger.put(out.flip());
    }
}

/** Record codecs, built once per record type from its components. */
final class RecordCodec<R extends Record> implements Codec<R> {

    private static final Map<Class<?>, Codec<?>> COMPONENT_CODECS = Map.of(
            int.class, Codec.INT, long.class, Codec.LONG, double.class, Codec.DOUBLE, boolean.class, Codec.BOOLEAN,
            String.class, Codec.STRING, byte[].class, Codec.BYTES);

    private final List<MethodHandle> accessors = new ArrayList<>();
    private final List<Codec<Object>> codecs = new ArrayList<>();
    private final MethodHandle constructor;

    @SuppressWarnings("unchecked")
    private RecordCodec(Class<R> type) throws ReflectiveOperationException {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            Codec<?> codec = COMPONENT_CODECS.get(components[i].getType());
            if (codec == null) {
                throw new IllegalArgumentException(type.getName() + "." + components[i].getName() + " is a "
                        + components[i].getType().getName() + "; supported: " + COMPONENT_CODECS.keySet());
            }
            codecs.add((Codec<Object>) codec);
            components[i].getAccessor().setAccessible(true); // records nested in other packages
            accessors.add(lookup.unreflect(components[i].getAccessor()));
            types[i] = components[i].getType();
        }
        Constructor<R> canonical = type.getDeclaredConstructor(types);
        canonical.setAccessible(true);
        constructor = lookup.unreflectConstructor(canonical);
    }

    static <R extends Record> RecordCodec<R> of(Class<R> type) {
        try {
            return new RecordCodec<>(type);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot build a codec for " + type.getName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ByteBuffer encode(R value, ByteBuffer out) {
        try {
            for (int i = 0; i < codecs.size(); i++) {
                out = codecs.get(i).encode(accessors.get(i).invoke(value), out);
            }
            return out;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public R decode(ByteBuffer in) {
        Object[] values = new Object[codecs.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = codecs.get(i).decode(in);
        }
        try {
            return (R) constructor.invokeWithArguments(values);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
