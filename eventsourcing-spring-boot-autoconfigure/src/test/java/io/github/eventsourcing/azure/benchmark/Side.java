package io.github.eventsourcing.azure.benchmark;

import java.util.List;

/**
 * One way of doing a case's operation: the library, the raw SDK writing or reading the same rows, or the minimal raw
 * baseline. Each side has its own client, built once, whose requests its {@link RoundTrips} counts.
 */
interface Side {

    /**
     * Who does the work: {@link #LIBRARY}, {@link #RAW}, {@link #MINIMAL}, a {@linkplain #REFERENCES reference}, or,
     * beside a reference, the way the work is done.
     */
    String name();

    RoundTrips roundTrips();

    /** Untimed set-up before each operation (e.g. growing the stream a fold is measured on); its requests don't count. */
    default void beforeOperation() {
    }

    /** The operation measured. */
    void operation() throws Exception;

    /** Untimed check after each operation (e.g. reading back what it wrote); its requests don't count. */
    default void afterOperation() {
    }

    /** Facts worth printing beside the numbers, e.g. how often writers retried. */
    default List<String> notes() {
        return List.of();
    }

    /** What went wrong over all operations so far (lost or duplicated events, say); empty when nothing. */
    default List<String> problems() {
        return List.of();
    }

    String LIBRARY = "library";
    String RAW = "raw, same rows";
    String MINIMAL = "raw, minimal";
    /** The design this library replaces, written with the SDK, in a case of its own: see {@link OriginalTableAppend}. */
    String ORIGINAL = "original design";
    /**
     * The loop a library feature replaces (accrue-all over every account, one after another), in a case without a raw
     * side: the library's ratio is then taken against it.
     */
    String SEQUENTIAL = "sequential loop";

    /**
     * The library's append transaction as it is, written with the SDK, against which another shape of it is measured
     * (see {@link TransactionShapes}).
     */
    String CURRENT = "current transaction";

    /** The sides other sides of their case are measured against, when a case has one: the first found. */
    List<String> REFERENCES = List.of(ORIGINAL, CURRENT);

    /** The measured work of a side. */
    @FunctionalInterface
    interface Operation {
        void run() throws Exception;
    }

    /** A side that only runs an operation. */
    static Side of(String name, RoundTrips roundTrips, Operation operation) {
        return new Side() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public RoundTrips roundTrips() {
                return roundTrips;
            }

            @Override
            public void operation() throws Exception {
                operation.run();
            }
        };
    }
}
