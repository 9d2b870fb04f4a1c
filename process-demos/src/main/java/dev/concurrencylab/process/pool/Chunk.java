package dev.concurrencylab.process.pool;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/** A chunk of inputs, encoded as its frame, and, once answered, the worker's answer frame. */
record Chunk(int id, int start, ByteBuffer frame, CompletableFuture<byte[]> answer) {
    Chunk(int id, int start, ByteBuffer frame) {
        this(id, start, frame, new CompletableFuture<>());
    }
}
