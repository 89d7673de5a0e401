package io.github.eventsourcing.azure.demo.bank.transfer;

/** The transfer has already reached its end; it can no longer be cancelled. */
public class TransferFinishedException extends RuntimeException {

    public TransferFinishedException(String id, String status) {
        super("The transfer " + id + " has already finished (" + status + ") and can no longer be cancelled.");
    }
}
