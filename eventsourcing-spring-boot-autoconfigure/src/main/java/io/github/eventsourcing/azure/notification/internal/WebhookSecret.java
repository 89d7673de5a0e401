package io.github.eventsourcing.azure.notification.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The shared secret a webhook delivery must carry. Compared in constant time: both sides are hashed first, so
 * neither the position of the first wrong character nor the secret's length shows in the time a check takes.
 */
final class WebhookSecret {

    private final byte[] expectedHash;

    WebhookSecret(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("The webhook secret must not be empty");
        }
        this.expectedHash = sha256(secret);
    }

    boolean matches(String provided) {
        return provided != null && MessageDigest.isEqual(expectedHash, sha256(provided));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
