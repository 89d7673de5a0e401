package io.github.eventsourcing.azure.query;

import io.github.eventsourcing.azure.command.FanOutInstances;

/**
 * Runs one type of query: a Spring bean that names the type, its parameters, its targets, what it requests of each
 * target (both may depend on the parameters) and how the values returned are collated, e.g.
 * <pre>{@code
 * @Component
 * class HighestBalance implements QueryHandler<NoParameters, Highest> {
 *     public QueryType type() { return QueryType.of("Bank", "HighestBalance"); }
 *     public Class<NoParameters> parametersType() { return NoParameters.class; }
 *     public Class<Highest> resultType() { return Highest.class; }
 *     public FanOutInstances targets() { return FanOutInstances.everyInstanceOf(ACCOUNTS); }
 *     public QueryRequest request() { return QueryRequest.projection(Balance.class); }
 *     public Class<HighestBalanceCollation> collation() { return HighestBalanceCollation.class; }
 * }
 * }</pre>
 * A query is a command with these steps, each recorded in the query's stream: {@code request} (what is requested of
 * which targets, as the step's outputs), {@value QueryCollation#VALUES_STEP} (a fan-out over the targets: each
 * target's value and the version it was read at, recorded with its outcome), {@code collate} (the collation's
 * result, as the step's output {@code result}; the query fails when a target kept failing) and one
 * {@code deliver-<output>} step per output configured for the type ({@code eventsourcing.queries.types}).
 * A handler that implements neither form of {@code targets} or of {@code request} fails the application's start.
 *
 * @param <P> the parameters: a class the storage JSON mapper reads and writes (a record, say)
 * @param <R> the result
 */
public interface QueryHandler<P, R> {

    QueryType type();

    Class<P> parametersType();

    Class<R> resultType();

    /**
     * The targets, the same for every query of the type: listed when the values step starts (and again when it is
     * resumed). Implement this or {@link #targets(Object)}.
     */
    default FanOutInstances targets() {
        throw new UnsupportedOperationException(getClass().getName() + " implements neither targets() nor targets(P)");
    }

    /**
     * The targets of a query with these parameters (e.g. the accounts a classification includes at a threshold the
     * query names); by default {@link #targets()}. Asked when the request step runs and when the values step starts
     * (and again when either is resumed), so it must give the same targets for the same parameters.
     */
    default FanOutInstances targets(P parameters) {
        return targets();
    }

    /**
     * What is requested of each target, the same for every query of the type. Implement this or
     * {@link #request(Object)}.
     */
    default QueryRequest request() {
        throw new UnsupportedOperationException(getClass().getName() + " implements neither request() nor request(P)");
    }

    /** What is requested of each target by a query with these parameters; by default {@link #request()}. */
    default QueryRequest request(P parameters) {
        return request();
    }

    /** The collation; its result must be a {@link #resultType()}. */
    Class<? extends QueryCollation<R>> collation();
}
