package io.github.eventsourcing.azure.command;

import io.github.eventsourcing.azure.stream.StreamId;

/**
 * A kind of command within a domain, e.g. {@code Bank} / {@code TransferMoney}, and the addresses of its streams.
 *
 * <p>The address scheme: the command with id {@code 42} is the stream {@code Bank / Command-TransferMoney / 42}, and
 * while it is open, the index of open commands holds the stream {@code Bank / Command-TransferMoney-Open / 42}; the
 * list of recently started commands is kept in the pages {@code Bank / Command-TransferMoney-Recent / page-0, page-1,
 * ...} and their counter {@code .../pages}. Entity types that start with {@code Command-} are therefore reserved for
 * commands. Since a command type's name holds only letters and digits, no command's streams can be mistaken for
 * another's index. All go through the ordinary {@code eventsourcing.streams} rules: {@code [Bank.ALL]} (or
 * {@code [ALL.ALL]}) covers them, or name the three entity types, e.g. {@code [Bank.Command-TransferMoney]},
 * {@code [Bank.Command-TransferMoney-Open]} and {@code [Bank.Command-TransferMoney-Recent]}.
 *
 * <p>Command ids are instance keys restricted to letters, digits, {@code -} and {@code _} (at most 64 characters),
 * so that the effect ids derived from them are valid event ids everywhere.
 */
public record CommandType(String domain, String name) {

    /** The prefix of the entity types of command streams. */
    public static final String ENTITY_PREFIX = "Command-";

    static final int MAX_NAME_LENGTH = 40;
    static final int MAX_ID_LENGTH = 64;

    public CommandType {
        new StreamId.StreamType(domain, "x"); // the domain's own rule
        if (name == null || name.isEmpty() || name.length() > MAX_NAME_LENGTH || !name.chars().allMatch(
                c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
            throw new IllegalArgumentException("A command type's name must be 1 to " + MAX_NAME_LENGTH
                    + " letters and digits, not '" + name + "'");
        }
    }

    public static CommandType of(String domain, String name) {
        return new CommandType(domain, name);
    }

    /** The domain/entity of this type's command streams. */
    public StreamId.StreamType streamType() {
        return new StreamId.StreamType(domain, ENTITY_PREFIX + name);
    }

    /** The domain/entity of this type's index of open commands. */
    public StreamId.StreamType openIndexType() {
        return new StreamId.StreamType(domain, ENTITY_PREFIX + name + "-Open");
    }

    /** The domain/entity of this type's list of recently started commands. */
    public StreamId.StreamType recentListType() {
        return new StreamId.StreamType(domain, ENTITY_PREFIX + name + "-Recent");
    }

    /** The stream of one command. */
    public StreamId instance(String commandId) {
        requireCommandId(commandId);
        return streamType().instance(commandId);
    }

    /**
     * @throws InvalidCommandIdException when the id is empty, too long or holds other characters than letters,
     *                                   digits, {@code -} and {@code _}
     */
    public static void requireCommandId(String commandId) {
        if (commandId == null || commandId.isEmpty() || commandId.length() > MAX_ID_LENGTH || !commandId.chars()
                .allMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || c == '-' || c == '_')) {
            throw new InvalidCommandIdException("A command id must be 1 to " + MAX_ID_LENGTH
                    + " letters, digits, '-' and '_', not '" + commandId + "'");
        }
    }

    @Override
    public String toString() {
        return domain + "." + name;
    }
}
