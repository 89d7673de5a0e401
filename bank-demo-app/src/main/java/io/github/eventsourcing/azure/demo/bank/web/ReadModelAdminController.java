package io.github.eventsourcing.azure.demo.bank.web;

import io.github.eventsourcing.azure.demo.bank.account.AccountsReadModel;
import io.github.eventsourcing.azure.readmodel.ReadModels;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Operators' endpoint: rebuilding the accounts read model from the accounts' streams. A rebuild replays every account,
 * so not every client may start one: the caller shows the admin key ({@code X-Admin-Key}, the value of
 * {@code bank.admin.key}). Without a key configured, nobody may (the endpoint is off).
 */
@RestController
class ReadModelAdminController {

    static final String ADMIN_KEY_HEADER = "X-Admin-Key";
    /** Where the rebuild's progress shows: the generation being built, then the one answering. */
    static final URI PROGRESS = URI.create("/actuator/health/read-models");

    private final ReadModels readModels;
    private final byte[] adminKey;

    ReadModelAdminController(ReadModels readModels, @Value("${bank.admin.key:}") String adminKey) {
        this.readModels = readModels;
        this.adminKey = adminKey.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Starts a rebuild: the current rows keep answering until the new ones are complete (202); 409 when one is under
     * way already.
     */
    @PostMapping(path = "/api/admin/read-models/accounts/rebuild", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Rebuild> rebuildAccounts(@RequestHeader(name = ADMIN_KEY_HEADER, required = false) String key) {
        checkAdmin(key);
        if (!readModels.rebuild(AccountsReadModel.NAME)) {
            throw problem(HttpStatus.CONFLICT, "A rebuild of the accounts read model is under way already; its "
                    + "progress shows at " + PROGRESS + ".");
        }
        return ResponseEntity.accepted().location(PROGRESS).body(new Rebuild(AccountsReadModel.NAME, "rebuilding"));
    }

    private void checkAdmin(String key) {
        if (adminKey.length == 0) {
            throw problem(HttpStatus.FORBIDDEN, "Admin endpoints are off: the bank has no admin key (set "
                    + "bank.admin.key, e.g. BANK_ADMIN_KEY).");
        }
        // Compared in constant time, so the answer's timing does not give the key away character by character.
        if (key == null || !MessageDigest.isEqual(adminKey, key.getBytes(StandardCharsets.UTF_8))) {
            throw problem(HttpStatus.FORBIDDEN, "This needs the admin key in the " + ADMIN_KEY_HEADER + " header.");
        }
    }

    private static ErrorResponseException problem(HttpStatus status, String detail) {
        return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
    }

    /** A rebuild started. */
    record Rebuild(String model, String status) {
    }
}
