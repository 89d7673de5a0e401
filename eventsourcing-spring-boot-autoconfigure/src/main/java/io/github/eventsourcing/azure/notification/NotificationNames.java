package io.github.eventsourcing.azure.notification;

import io.github.eventsourcing.azure.stream.StreamId;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The exact event types and subjects notifications carry.
 *
 * <h2>Event type: {@code {Domain}.{Entity}.{Last}}</h2>
 * {@code Last} is {@code NewEntity} or {@code DeletedEntity} for the entity notifications, and otherwise the event's
 * business name, the projection name or the classification name <b>verbatim, spaces included</b>: the event
 * {@code "Money Deposited"} of {@code Bank/Account} has the event type {@code Bank.Account.Money Deposited}. That is
 * what the original library published, so Event Grid subscriptions filtering on event types keep working; Event Grid
 * accepts any characters there. Domain and entity contain only letters, digits, {@code -} and {@code _}, so the
 * first two dots always separate them; the name may itself contain dots.
 *
 * <h2>Subject: {@code eventsourcing/{Domain}/{Entity}[/{Name}]/{InstanceKey}}</h2>
 * <ul>
 *   <li>The instance key comes from users and may hold any printable character, so it is percent-encoded as a URL
 *       path segment (RFC 3986): the unreserved characters {@code A-Z a-z 0-9 - . _ ~} stay, every other character
 *       is written as {@code %XX} per UTF-8 byte with upper-case hex. {@code A-0001} stays {@code A-0001};
 *       {@code Smith/John} becomes {@code Smith%2FJohn}; {@code a b} becomes {@code a%20b}. The subject can be
 *       appended to a URL, and {@link #decodeSegment} gives the key back exactly.</li>
 *   <li>The name slot keeps the name as the original library did ({@code Money Deposited} stays as it is), except
 *       that {@code %} and {@code /} are written {@code %25} and {@code %2F} so that the subject always has the same
 *       number of segments.</li>
 * </ul>
 */
public final class NotificationNames {

    /** The first segment of every subject. */
    public static final String SUBJECT_PREFIX = "eventsourcing";

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private NotificationNames() {
    }

    public static String eventType(Notification notification) {
        StreamId id = notification.streamId();
        String last = switch (notification.kind()) {
            case NEW_ENTITY, DELETED_ENTITY -> notification.kind().wireName();
            default -> notification.name();
        };
        return id.domain() + "." + id.entityType() + "." + last;
    }

    public static String subject(Notification notification) {
        StreamId id = notification.streamId();
        StringBuilder subject = new StringBuilder(SUBJECT_PREFIX).append('/').append(id.domain()).append('/')
                .append(id.entityType()).append('/');
        if (notification.name() != null) {
            subject.append(nameSegment(notification.name())).append('/');
        }
        return subject.append(instanceKeySegment(id.instanceKey())).toString();
    }

    /** The instance key as a subject segment: RFC 3986 percent-encoding of everything but unreserved characters. */
    public static String instanceKeySegment(String instanceKey) {
        StringBuilder out = new StringBuilder(instanceKey.length());
        for (byte b : instanceKey.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (isUnreserved(c)) {
                out.append(c);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
        }
        return out.toString();
    }

    /** A name as a subject segment: unchanged but for {@code %} and {@code /}. */
    public static String nameSegment(String name) {
        return name.replace("%", "%25").replace("/", "%2F");
    }

    /** Reverses {@link #instanceKeySegment} and {@link #nameSegment}. */
    public static String decodeSegment(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length()) {
                    throw new IllegalArgumentException("Truncated escape in subject segment '" + segment + "'");
                }
                int hi = Character.digit(segment.charAt(i + 1), 16);
                int lo = Character.digit(segment.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("Invalid escape in subject segment '" + segment + "'");
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < segment.length()) {
                    utf8 = segment.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.writeBytes(utf8);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
