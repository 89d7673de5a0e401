package io.github.eventsourcing.azure.notification.internal;

import java.util.regex.Pattern;

/** A name pattern in which {@code *} stands for any run of characters; everything else matches itself. */
final class NamePattern {

    private final String text;
    private final Pattern regex;

    private NamePattern(String text) {
        this.text = text;
        this.regex = "*".equals(text) ? null : Pattern.compile(toRegex(text), Pattern.DOTALL);
    }

    static NamePattern of(String text) {
        return new NamePattern(text);
    }

    /** True for any value, null included, when the pattern is {@code *}; otherwise for a non-null value it matches. */
    boolean matches(String value) {
        if (regex == null) {
            return true;
        }
        return value != null && regex.matcher(value).matches();
    }

    private static String toRegex(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String literal : pattern.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(literal));
        }
        return regex.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
