package io.github.eventsourcing.azure.demo.bank.activity;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The live activity feed the web page subscribes to. */
@RestController
public class ActivityController {

    private final ActivityFeed feed;

    public ActivityController(ActivityFeed feed) {
        this.feed = feed;
    }

    @GetMapping(path = "/api/activity", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter subscribe() {
        return feed.subscribe();
    }
}
