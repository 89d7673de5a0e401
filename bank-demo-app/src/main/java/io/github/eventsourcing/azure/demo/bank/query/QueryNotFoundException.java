package io.github.eventsourcing.azure.demo.bank.query;

/** No query has this id. */
public class QueryNotFoundException extends RuntimeException {

    public QueryNotFoundException(String id) {
        super("There is no query " + id + ".");
    }
}
