package io.github.eventsourcing.azure.demo.bank.transfer;

/** No transfer has this id. */
public class TransferNotFoundException extends RuntimeException {

    public TransferNotFoundException(String id) {
        super("There is no transfer " + id + ".");
    }
}
