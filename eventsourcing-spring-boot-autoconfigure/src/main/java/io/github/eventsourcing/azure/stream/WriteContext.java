package io.github.eventsourcing.azure.stream;

/**
 * Who wrote an event, from where and why; stored with every event of an append and given back on read.
 * Every field is optional (null). Each value is at most {@value #MAX_VALUE_LENGTH} characters.
 *
 * @param who           the user or system that caused the write
 * @param source        the application or channel the write came from
 * @param commentary    free text for people reading the history
 * @param correlationId ties together everything one business transaction wrote
 * @param causationId   the id of the message or event that caused this write
 * @param traceParent   the W3C {@code traceparent} of the request that wrote it, carried into notifications
 * @param requestFingerprint a digest of the request that wrote it, kept with an idempotency key so that a retry can
 *                      be told from another request reusing the key (not carried into notifications)
 */
public record WriteContext(String who, String source, String commentary, String correlationId, String causationId,
                           String traceParent, String requestFingerprint) {

    public static final int MAX_VALUE_LENGTH = 1024;

    public static final WriteContext EMPTY = new WriteContext(null, null, null, null, null, null, null);

    public WriteContext {
        check("who", who);
        check("source", source);
        check("commentary", commentary);
        check("correlationId", correlationId);
        check("causationId", causationId);
        check("traceParent", traceParent);
        check("requestFingerprint", requestFingerprint);
    }

    /** A context without a request fingerprint, as written before fingerprints existed. */
    public WriteContext(String who, String source, String commentary, String correlationId, String causationId,
                        String traceParent) {
        this(who, source, commentary, correlationId, causationId, traceParent, null);
    }

    private static void check(String name, String value) {
        if (value != null && value.length() > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("The write context's " + name + " is " + value.length()
                    + " characters long; at most " + MAX_VALUE_LENGTH + " are allowed");
        }
    }

    public static WriteContext empty() {
        return EMPTY;
    }

    public WriteContext withWho(String value) {
        return new WriteContext(value, source, commentary, correlationId, causationId, traceParent, requestFingerprint);
    }

    public WriteContext withSource(String value) {
        return new WriteContext(who, value, commentary, correlationId, causationId, traceParent, requestFingerprint);
    }

    public WriteContext withCommentary(String value) {
        return new WriteContext(who, source, value, correlationId, causationId, traceParent, requestFingerprint);
    }

    public WriteContext withCorrelationId(String value) {
        return new WriteContext(who, source, commentary, value, causationId, traceParent, requestFingerprint);
    }

    public WriteContext withCausationId(String value) {
        return new WriteContext(who, source, commentary, correlationId, value, traceParent, requestFingerprint);
    }

    public WriteContext withTraceParent(String value) {
        return new WriteContext(who, source, commentary, correlationId, causationId, value, requestFingerprint);
    }

    public WriteContext withRequestFingerprint(String value) {
        return new WriteContext(who, source, commentary, correlationId, causationId, traceParent, value);
    }
}
