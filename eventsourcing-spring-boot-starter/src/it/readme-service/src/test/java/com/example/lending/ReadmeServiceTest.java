package com.example.lending;

import io.github.eventsourcing.azure.test.AutoConfigureInMemoryEventStreams;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's service, as a new user would write it, serving over real HTTP. Its streams are in memory: the point
 * is that the README's dependency, configuration and code work together, not the storage (tested elsewhere).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureInMemoryEventStreams
@DisplayName("The README's lending service")
class ReadmeServiceTest {

    @Autowired
    private TestRestTemplate http;

    @Test
    @DisplayName("adds copies of a book and counts them, as the README's curl commands show")
    void addsAndCountsCopies() {
        String isbn = "978-0141439518";

        ResponseEntity<Map> added = http.postForEntity("/books/{isbn}/copies", Map.of("shelf", "B3"), Map.class, isbn);
        http.postForEntity("/books/{isbn}/copies", Map.of("shelf", "C1"), Map.class, isbn);
        ResponseEntity<Map> book = http.getForEntity("/books/{isbn}", Map.class, isbn);

        assertThat(added.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(book.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(book.getBody()).containsEntry("copies", 2);
    }

    @Test
    @DisplayName("answers 404 for a book that has no stream")
    void unknownBook() {
        assertThat(http.getForEntity("/books/{isbn}", Map.class, "000").getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }
}
