package io.github.eventsourcing.azure.stream.internal;

import io.github.eventsourcing.azure.stream.StreamId.StreamType;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.github.eventsourcing.azure.spi.EventStoreRouter.ALL;

/**
 * Values set per domain/entity under rule keys {@code Domain.Entity}, {@code Domain.ALL}, {@code ALL.Entity} and
 * {@code ALL.ALL}, looked up from the most to the least specific. The one lookup behind both the storage rules
 * ({@code eventsourcing.streams}) and the notification switches ({@code eventsourcing.notifications.streams}).
 *
 * <p>Keys match exactly, letter case included: domain and entity names that differ only in case are different
 * streams (stored in different tables), so a rule for one must not silently apply to the other. {@link #caseOnlyMatch}
 * finds the keys that would match only if case were ignored, so that configuration can refuse them with a message.
 *
 * @param <T> the value a rule sets
 */
public final class StreamTypeRules<T> {

    private final Map<String, T> byKey;

    private StreamTypeRules(Map<String, T> byKey) {
        this.byKey = Map.copyOf(byKey);
    }

    /** The rules of these keys; the keys are taken as written, letter case included. */
    public static <T> StreamTypeRules<T> of(Map<String, T> byKey) {
        return new StreamTypeRules<>(new LinkedHashMap<>(byKey));
    }

    /** The rule keys tried for a domain/entity, most specific first. */
    public static List<String> candidateKeys(StreamType type) {
        return List.of(key(type.domain(), type.entityType()), key(type.domain(), ALL), key(ALL, type.entityType()),
                key(ALL, ALL));
    }

    /** The value of the most specific rule that covers this domain/entity, if any does. */
    public Optional<T> find(StreamType type) {
        for (String key : candidateKeys(type)) {
            T value = byKey.get(key);
            if (value != null) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    public Set<String> keys() {
        return byKey.keySet();
    }

    /**
     * The first of {@code ruleKeys} that a {@code Domain.Entity} key names only when letter case is ignored: its
     * domain or entity is written, in some rule, in other letters and never as here (e.g. {@code bank.ALL} against a
     * rule {@code Bank.Account}), or its {@code ALL} is not in capitals. Empty when every name of the key is written
     * as in some rule, or is named by none at all.
     */
    public static Optional<CaseOnlyMatch> caseOnlyMatch(String key, Collection<String> ruleKeys) {
        String[] parts = key.split("\\.", -1);
        if (parts.length != 2) {
            return Optional.empty();
        }
        CaseOnlyMatch found = null;
        for (String ruleKey : ruleKeys) {
            String[] rule = ruleKey.split("\\.", -1);
            if (rule.length == 2) {
                String corrected = key(spelled(parts[0], rule[0], ruleKeys, 0), spelled(parts[1], rule[1], ruleKeys, 1));
                if (!corrected.equals(key) && (found == null || ruleKey.equals(corrected))) {
                    found = new CaseOnlyMatch(key, ruleKey, corrected);
                }
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * The name as the rules spell it: as given when some rule spells it so (or none spells it in other letters),
     * else {@code ALL} or the rule's name when it differs from them only in case.
     */
    private static String spelled(String name, String ruleName, Collection<String> ruleKeys, int position) {
        boolean spelledSoByARule = ruleKeys.stream().map(other -> other.split("\\.", -1))
                .anyMatch(other -> other.length == 2 && other[position].equals(name));
        if (spelledSoByARule) {
            return name;
        }
        if (name.equalsIgnoreCase(ALL)) {
            return ALL;
        }
        return name.equalsIgnoreCase(ruleName) ? ruleName : name;
    }

    private static String key(String domain, String entity) {
        return domain + "." + entity;
    }

    /**
     * A key that matches a rule only when letter case is ignored.
     *
     * @param key       the key as written
     * @param rule      the rule it nearly matches
     * @param corrected the key spelled as the rules spell its names
     */
    public record CaseOnlyMatch(String key, String rule, String corrected) {
    }
}
