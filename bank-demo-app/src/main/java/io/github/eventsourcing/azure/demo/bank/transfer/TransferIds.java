package io.github.eventsourcing.azure.demo.bank.transfer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The id of a new transfer: random, or derived from the client's {@code Idempotency-Key}, so that a retried request
 * names the same transfer (starting it again with the same body is then a no-op, with another body a conflict). The
 * key is hashed with its sender: it may hold any character, a command id only letters, digits, '-' and '_'.
 */
public final class TransferIds {

    private TransferIds() {
    }

    public static String random() {
        return UUID.randomUUID().toString();
    }

    /**
     * @param user who sent the key (null: no one in particular); keys are scoped to their sender
     * @param key  the decoded {@code Idempotency-Key}
     */
    public static String fromIdempotencyKey(String user, String key) {
        String scoped = (user == null ? "" : user.length() + ":" + user) + "\n" + key;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(scoped.getBytes(StandardCharsets.UTF_8));
            return "k-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
