package io.github.eventsourcing.azure.demo.bank.web;

/** The request is malformed or breaks a rule of its fields; the message says which, in words for the user. */
public class InvalidRequestException extends RuntimeException {

    public InvalidRequestException(String message) {
        super(message);
    }
}
