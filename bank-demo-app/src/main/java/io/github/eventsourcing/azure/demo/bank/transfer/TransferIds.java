package io.github.eventsourcing.azure.demo.bank.transfer;

import java.util.UUID;

/**
 * The id of a new transfer: random, or derived from the client's {@code Idempotency-Key}, so that a retried request
 * names the same transfer (starting it again with the same body is then a no-op, with another body a conflict). The
 * key is named in its scope by the library's digest: the key may hold any printable character, a command id only
 * letters, digits, '-' and '_'.
 */
public final class TransferIds {

    private TransferIds() {
    }

    public static String random() {
        return UUID.randomUUID().toString();
    }

    /** @param scopedName the key named in its scope by the library ({@code IdempotentRequest#scopedName}) */
    public static String fromScopedKey(String scopedName) {
        return "k-" + scopedName;
    }
}
