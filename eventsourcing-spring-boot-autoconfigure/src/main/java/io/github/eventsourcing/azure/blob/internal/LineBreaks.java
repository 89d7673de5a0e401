package io.github.eventsourcing.azure.blob.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds the line breaks of downloaded records eight bytes at a time. Looking at every byte of a chunk for the end of
 * its line was a tenth of the CPU time of folding a long stream; a word at a time it is a third of that.
 */
final class LineBreaks {

    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private LineBreaks() {
    }

    /** The index of the first {@code '\n'} in {@code buffer[from, to)}, or -1 when there is none. */
    static int next(byte[] buffer, int from, int to) {
        int at = from;
        for (; at <= to - Long.BYTES; at += Long.BYTES) {
            // A byte of the word XOR newlines is zero where the word holds a newline; the lowest high bit of
            // (x - 0x01..) & ~x & 0x80.. marks the first zero byte exactly (a borrow only runs upwards from it).
            long word = (long) WORDS.get(buffer, at) ^ NEWLINES;
            long zeros = (word - ONES) & ~word & HIGH_BITS;
            if (zeros != 0) {
                return at + (Long.numberOfTrailingZeros(zeros) >>> 3);
            }
        }
        for (; at < to; at++) {
            if (buffer[at] == '\n') {
                return at;
            }
        }
        return -1;
    }
}
