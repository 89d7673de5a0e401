package io.github.eventsourcing.azure.demo.bank.activity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pushes what happens to accounts to the open web pages as server-sent events. The page shows the feed only when the
 * server says it is live: when the application receives the starter's change notifications (its webhook is on), which
 * {@link AccountActivity} publishes here.
 */
@Component
public class ActivityFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ActivityFeed.class);
    /** Long enough to keep a page connected; the browser reconnects by itself when it lapses. */
    private static final long SUBSCRIPTION_MILLIS = 30 * 60 * 1000L;

    private final boolean live;
    private final Set<SseEmitter> subscribers = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    public ActivityFeed(@Value("${eventsourcing.notifications.webhook.enabled:false}") boolean live) {
        this.live = live;
    }

    public boolean isLive() {
        return live;
    }

    /** A new subscription: first a {@code status} event saying whether activity will follow, then {@code activity} events. */
    public SseEmitter subscribe() {
        SseEmitter emitter = new SseEmitter(SUBSCRIPTION_MILLIS);
        try {
            emitter.send(SseEmitter.event().name("status").data(Map.of("live", live), MediaType.APPLICATION_JSON));
        } catch (IOException e) {
            emitter.completeWithError(e);
            return emitter;
        }
        if (!live) {
            emitter.complete();
            return emitter;
        }
        subscribers.add(emitter);
        emitter.onCompletion(() -> subscribers.remove(emitter));
        emitter.onTimeout(emitter::complete); // the page's EventSource reconnects by itself
        emitter.onError(error -> subscribers.remove(emitter));
        return emitter;
    }

    /** Sends one activity to every open page; pages that went away are dropped. */
    public void publish(Activity activity) {
        for (SseEmitter subscriber : subscribers) {
            try {
                subscriber.send(SseEmitter.event().name("activity").data(activity, MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException gone) {
                subscribers.remove(subscriber);
                log.debug("Dropped an activity subscriber that went away", gone);
            }
        }
    }

    @Override
    public void start() {
        running = true;
    }

    /**
     * Ends every subscription when the application stops. It runs before the web server's graceful shutdown, which
     * would otherwise wait for these never-ending responses until its timeout.
     */
    @Override
    public void stop() {
        running = false;
        subscribers.forEach(SseEmitter::complete);
        subscribers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Something that happened to an account.
     *
     * @param at            when it was written
     * @param accountNumber the account
     * @param eventType     the business name of the event (or notification kind)
     * @param description   one line for people
     */
    public record Activity(Instant at, String accountNumber, String eventType, String description) {
    }
}
