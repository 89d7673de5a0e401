package io.github.eventsourcing.azure.command.internal;

import io.github.eventsourcing.azure.stream.StreamId;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The event id of a step's effect on a stream: {@code cmd:<command id>:<step>:<target hash>}. The same command,
 * step and target always give the same id, so the effect's append is idempotent across re-runs and instances. The
 * target enters as a hash because its key may be long and hold any character; ids stay printable ASCII and at most
 * 3 + 1 + 64 + 1 + 32 + 1 + 16 = 118 characters.
 */
final class EffectIds {

    private EffectIds() {
    }

    static String of(String commandId, String step, StreamId target) {
        return "cmd:" + commandId + ":" + step + ":" + hash(target);
    }

    /**
     * The event id of a fan-out step's record of the outcomes of some instances: {@code out:<command id>:<step>:<hash
     * of the instance keys>}, so that a repeat of the same record is told from a new one.
     */
    static String ofOutcomes(String commandId, String step, List<String> keys) {
        return "out:" + commandId + ":" + step + ":" + hash(String.join("\n", keys));
    }

    private static String hash(StreamId target) {
        return hash(target.domain() + "\n" + target.entityType() + "\n" + target.instanceKey());
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
