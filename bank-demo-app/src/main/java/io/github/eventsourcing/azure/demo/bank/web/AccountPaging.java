package io.github.eventsourcing.azure.demo.bank.web;

import io.github.eventsourcing.azure.demo.bank.account.AccountQueries;
import org.springframework.web.util.UriComponentsBuilder;

import java.math.BigDecimal;
import java.util.function.Function;

/** The rules of the account list's optional paging: page sizes, continuation tokens and the next page's link. */
final class AccountPaging {

    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 200;
    /** Tokens the list hands out are far shorter; a longer one is no token of ours. */
    private static final int MAX_CONTINUATION_LENGTH = 2048;

    private AccountPaging() {
    }

    static int pageSize(Integer pageSize) {
        if (pageSize == null) {
            return DEFAULT_PAGE_SIZE;
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new InvalidRequestException("'pageSize' must be 1 to " + MAX_PAGE_SIZE + ", not " + pageSize + ".");
        }
        return pageSize;
    }

    /**
     * Reads the page after {@code continuation} (the first when null); a token the read model does not take (another
     * question's, or made up) is the client's error.
     */
    static AccountQueries.ListingPage page(String continuation, Function<String, AccountQueries.ListingPage> read) {
        if (continuation == null) {
            return read.apply(null);
        }
        if (continuation.isEmpty() || continuation.length() > MAX_CONTINUATION_LENGTH) {
            throw notOurs();
        }
        try {
            return read.apply(continuation);
        } catch (IllegalArgumentException e) {
            throw notOurs();
        }
    }

    /** The {@code Link} header value of the next page: the same question, the same page size, the new token. */
    static String next(BigDecimal balanceBelow, int pageSize, String continuation) {
        UriComponentsBuilder next = UriComponentsBuilder.fromPath("/api/accounts");
        if (balanceBelow != null) {
            next.queryParam("balanceBelow", balanceBelow.toPlainString());
        }
        String uri = next.queryParam("pageSize", pageSize).queryParam("continuation", continuation)
                .encode().build().toUriString();
        return "<" + uri + ">; rel=\"next\"";
    }

    private static InvalidRequestException notOurs() {
        return new InvalidRequestException("'continuation' must be the token of the previous page of the same list "
                + "(from its Link header), unchanged.");
    }
}
