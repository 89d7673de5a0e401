package io.github.eventsourcing.azure.demo.bank.activity;

import io.github.eventsourcing.azure.demo.bank.account.Bank;
import io.github.eventsourcing.azure.demo.bank.account.event.AccountOpened;
import io.github.eventsourcing.azure.demo.bank.account.event.BeneficiarySet;
import io.github.eventsourcing.azure.demo.bank.account.event.InterestAccrued;
import io.github.eventsourcing.azure.demo.bank.account.event.InterestPaid;
import io.github.eventsourcing.azure.demo.bank.account.event.MoneyDeposited;
import io.github.eventsourcing.azure.demo.bank.account.event.MoneyWithdrawn;
import io.github.eventsourcing.azure.demo.bank.account.event.OverdraftLimitSet;
import io.github.eventsourcing.azure.notification.DeletedEntityNotification;
import io.github.eventsourcing.azure.notification.NewEventNotification;
import io.github.eventsourcing.azure.notification.NotificationListener;
import org.springframework.stereotype.Component;

/**
 * Turns the change notifications Event Grid delivers to this application's webhook into lines of the page's live
 * activity feed. The notifications may come from any instance of the application, or from another application
 * writing to the same accounts: the feed shows what happened to the accounts, not what this process did.
 */
@Component
public class AccountActivity {

    private final ActivityFeed feed;

    public AccountActivity(ActivityFeed feed) {
        this.feed = feed;
    }

    @NotificationListener(domain = Bank.DOMAIN, entity = Bank.ACCOUNT)
    public void eventWritten(NewEventNotification notification, Object event) {
        String accountNumber = notification.streamId().instanceKey();
        feed.publish(new ActivityFeed.Activity(notification.writtenAt(), accountNumber, notification.eventName(),
                accountNumber + ": " + describe(event)));
    }

    @NotificationListener(domain = Bank.DOMAIN, entity = Bank.ACCOUNT)
    public void accountClosed(DeletedEntityNotification notification) {
        String accountNumber = notification.streamId().instanceKey();
        feed.publish(new ActivityFeed.Activity(notification.deletedAt(), accountNumber, "Account Closed",
                accountNumber + ": account closed"));
    }

    static String describe(Object event) {
        if (event instanceof AccountOpened opened) {
            return "opened for " + opened.clientName();
        } else if (event instanceof MoneyDeposited deposited) {
            return "deposit of " + deposited.amount();
        } else if (event instanceof MoneyWithdrawn withdrawn) {
            return "withdrawal of " + withdrawn.amount();
        } else if (event instanceof OverdraftLimitSet set) {
            return "overdraft limit set to " + set.limit();
        } else if (event instanceof BeneficiarySet set) {
            return "beneficiary set to " + set.name();
        } else if (event instanceof InterestAccrued accrued) {
            return "interest of " + accrued.amount() + " accrued for " + accrued.accruedOn();
        } else if (event instanceof InterestPaid paid) {
            return "interest of " + paid.amount() + " paid";
        }
        return "an event this version does not know";
    }
}
