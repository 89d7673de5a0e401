package io.github.eventsourcing.azure.web;

import io.github.eventsourcing.azure.stream.EventStream;

import java.util.Optional;
import java.util.function.Function;

/**
 * A write request with its {@value #HEADER} header (the IETF HTTP API draft of that name): the key makes the request's
 * appends idempotent, so a client may send it again after a lost response and gets the original answer, with nothing
 * written twice. Declare it as a controller parameter, or get one from {@link IdempotentRequests} outside Spring MVC's
 * argument binding:
 * <pre>{@code
 * @PostMapping("/accounts/{accountNumber}/deposits")
 * Receipt deposit(@RequestBody Deposit body, IdempotentRequest idempotency,
 *         @StreamOf(domain = "Bank", entity = "Account", key = "{accountNumber}") EventStream account) {
 *     return idempotency.run(account, body,
 *             original -> new Receipt(original.result().lastSequence()),
 *             stream -> new Receipt(stream.append(new MoneyDeposited(body.amount())).lastSequence()));
 * }
 * }</pre>
 *
 * <p>A key is scoped to the user, the HTTP method, the handler's route (its URI template) and the stream: the same
 * key in any other scope is another key. The key becomes the event ids of the write's appends, and a fingerprint of
 * the request body is stored with them in the same atomic append, so remembering the key costs no extra storage
 * request and can never disagree with what was written. A request without the header is an ordinary write.
 */
public interface IdempotentRequest {

    /** The request header that carries the key. */
    String HEADER = "Idempotency-Key";

    /** Longest key accepted (characters, printable ASCII). */
    int MAX_KEY_LENGTH = 255;

    /** The key the request carries; empty when it has none. */
    Optional<String> key();

    /**
     * The key as a name within its scope (user, method, route, but no stream): 32 characters of base64url of a
     * SHA-256 digest (letters, digits, {@code -} and {@code _}); empty when the request has no key. For naming what a
     * request creates by its key, such as a command whose stream does not exist yet; the same key in another scope
     * gives another name.
     */
    Optional<String> scopedName();

    /**
     * Runs a write once per key. Before {@code write} runs (and so before any business rule it checks), the stream is
     * asked whether the key already wrote there: if so, {@code replay} answers from what that first run wrote,
     * and {@code write} does not run. Otherwise {@code write} runs on a view of {@code stream} whose appends carry
     * the key's event ids and the request's fingerprint. Without a key, {@code write} runs on {@code stream} itself.
     *
     * <p>A write that wrote nothing (it was refused, or had nothing to do) leaves no trace of the key: a retry runs
     * it again.
     *
     * @param stream  the stream the write appends to; part of the key's scope
     * @param request the request as parsed (its JSON body object; null when it has none): the same key with another
     *                request is refused
     * @param replay  the answer to a repeated request, from the original write; compute it as of
     *                {@link OriginalWrite#result()}, not from the stream's current state
     * @param write   the write, with its business rules, appending to the stream it is given
     * @throws IdempotencyKeyReusedException the key already wrote a different request to this stream
     */
    <T> T run(EventStream stream, Object request, Function<OriginalWrite, T> replay, Function<EventStream, T> write);
}
