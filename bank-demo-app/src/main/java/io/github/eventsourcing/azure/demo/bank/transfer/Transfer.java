package io.github.eventsourcing.azure.demo.bank.transfer;

import java.math.BigDecimal;

/**
 * What a transfer moves: the parameters of a {@link TransferMoney} command.
 *
 * @param from       the account debited
 * @param to         the account credited
 * @param amount     the amount, with exactly 2 decimals
 * @param commentary optional text stored with both account events
 */
public record Transfer(String from, String to, BigDecimal amount, String commentary) {
}
