package io.github.eventsourcing.azure.notification.internal;

import com.azure.core.exception.HttpResponseException;

import java.util.Set;

/**
 * Tells a failure of the topic (every stream fails alike) from a refusal of one stream's notifications. The topic is
 * unreachable when there is no HTTP answer at all (connection refused, time-out), or the answer concerns the topic or
 * the caller rather than the request: 5xx, 408 and 429 (overloaded), 401 and 403 (credentials), 404 (no such topic).
 * Any other answer, such as 400 or 413, refused this request: the next stream's may well go through.
 */
final class TopicFailures {

    private static final Set<Integer> TOPIC_WIDE_CLIENT_ERRORS = Set.of(401, 403, 404, 408, 429);

    private TopicFailures() {
    }

    static boolean isTopicUnreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpResponseException http && http.getResponse() != null) {
                int status = http.getResponse().getStatusCode();
                return status >= 500 || TOPIC_WIDE_CLIENT_ERRORS.contains(status);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return true;
    }
}
