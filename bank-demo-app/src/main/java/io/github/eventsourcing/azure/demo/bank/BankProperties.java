package io.github.eventsourcing.azure.demo.bank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.math.BigDecimal;

/**
 * The bank's own settings ({@code bank.*} in {@code application.yml}).
 *
 * @param interest          the nightly interest job
 * @param lowBalanceWarning accounts below this balance are flagged on the account page
 * @param transfers         money transfers between accounts
 */
@ConfigurationProperties("bank")
public record BankProperties(@DefaultValue Interest interest, @DefaultValue("100") BigDecimal lowBalanceWarning,
                             @DefaultValue Transfers transfers) {

    /**
     * @param delayBeforeCredit a pause between each transfer's debit (once written) and its credit; for tests that
     *                          cancel a transfer or change its target account mid-transfer (default none)
     */
    public record Transfers(@DefaultValue("0s") java.time.Duration delayBeforeCredit) {
    }

    /**
     * @param creditRate  daily rate paid on positive balances (the original demo's nightly job used 0.0005)
     * @param debitRate   daily rate charged on overdrawn balances (the original used 0.001)
     * @param nightlyCron when the nightly accrual runs, in UTC ("-" switches it off)
     */
    public record Interest(@DefaultValue("0.0005") BigDecimal creditRate, @DefaultValue("0.001") BigDecimal debitRate,
                           @DefaultValue("0 5 0 * * *") String nightlyCron) {
    }
}
