package io.github.eventsourcing.azure.demo.bank.interest;

/** No interest run has this id. */
public class InterestRunNotFoundException extends RuntimeException {

    public InterestRunNotFoundException(String id) {
        super("There is no interest run " + id + ".");
    }
}
