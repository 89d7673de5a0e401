package io.github.eventsourcing.azure.demo.bank.web;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The page at {@code /}, for clients that take HTML. Spring Boot's welcome page would answer any other client with
 * an empty 406; mapped here, that client gets a 406 problem like every other error.
 */
@Controller
class WelcomePageController {

    private static final Resource PAGE = new ClassPathResource("static/index.html");

    @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<Resource> page() {
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(PAGE);
    }
}
