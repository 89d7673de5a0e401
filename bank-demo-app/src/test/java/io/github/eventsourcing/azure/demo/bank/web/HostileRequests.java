package io.github.eventsourcing.azure.demo.bank.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Requests a hostile or careless client sends: malformed and oversized bodies, extreme numbers, odd keys, values of
 * the wrong type, bad headers and odd paths, aimed at every operation of the API. All drawn from one seeded
 * {@link Random}, so that a seed replays the same requests.
 */
final class HostileRequests {

    /** A request as bytes on the wire: request line, headers ("Name: value", one char a byte) and body. */
    record Request(String requestLine, List<String> headers, byte[] body) {

        @Override
        public String toString() {
            String shownBody = body == null ? "" : new String(body, StandardCharsets.ISO_8859_1);
            return cut(requestLine) + " " + headers.stream().map(HostileRequests::cut).toList() + " " + cut(shownBody);
        }
    }

    private static final String[] FIELDS = {"amount", "limit", "clientName", "commentary", "source", "name",
            "countryOfResidence", "creditRate", "debitRate", "openingBalance"};
    private static final String[] ODD_KEYS = {"", " amount", "AMOUNT", "amount\\u0000", "__proto__", "@class",
            "$ref", "amount.value", "\\ud83d\\udcb0", "\\ud800", "k".repeat(300), "amount\\\"", "\\n"};
    private static final String[] NUMBERS = {"1e-999999999", "-1e-999999999", "1e999999999", "1E+2147483647",
            "1e-2147483648", "0E-2147483647", "-0", "0.00", "1e-100000000", "1" + "0".repeat(70), "0." + "0".repeat(70)
            + "1", "12.345", "1000000000000.01", "999999999999.99", "-999999999999.99", "0.0005", "1.00000001",
            "1.000000001", "9223372036854775808", "-9223372036854775809", "1.7976931348623157E309", "4.9E-325",
            "12.50", "1", "0", "-1", "0.5", "1e2", "1E-2"};
    private static final String[] NOT_NUMBERS = {"NaN", "Infinity", "-Infinity", "0x10", "1_000", ".5", "5.", "01",
            "1e", "--1", "+1", "1.2.3", "1e+", "\"12.5\"", "\"\"", "\" 1 \"", "true", "null", "[]", "{}", "[1]"};
    private static final String[] TEXTS = {"\"\"", "\"   \"", "\"Ada\"", "\"Zo\u00eb \\ud83d\\ude00\"",
            "\"\\u0000\"", "\"tab\\there\"", "\"\\ud800\"", "\"\\x41\"", "\"unterminated", "5", "false", "null",
            "[\"a\"]", "{\"a\":1}", "\"<script>alert(1)</script>\"", "\"%00\"", "\"../../etc/passwd\""};
    private static final String[] CONTENT_TYPES = {"application/json", "application/json; charset=UTF-8",
            "application/json; charset=ISO-8859-1", "application/json; charset=nonsense", "text/plain",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml",
            "application/problem+json", "application/*", "garbage", "", "application/json;;;", "*/*"};
    private static final String[] ACCEPTS = {"application/json", "*/*", "text/html", "image/png",
            "application/problem+json", "text/event-stream", "application/xml", "*/*;q=abc", "garbage/", "",
            "text/html;q=0.9, application/json;q=0.1", "application/json;charset=nonsense"};
    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE",
            "FOO", "get", "CONNECT"};

    private final Random random;
    private final List<Target> targets;

    /** An address of the API and the method it takes (the path is drawn anew each time). */
    private record Target(String method, Supplier<String> path) {
    }

    /**
     * @param account the path of an account that exists (it may be written to, and closed)
     */
    HostileRequests(long seed, String account) {
        this.random = new Random(seed);
        this.targets = List.of(
                new Target("POST", () -> account), new Target("GET", () -> account),
                new Target("POST", () -> account + "/deposits"), new Target("POST", () -> account + "/withdrawals"),
                new Target("PUT", () -> account + "/overdraft-limit"), new Target("PUT", () -> account + "/beneficiary"),
                new Target("POST", () -> account + "/interest/accruals"),
                new Target("POST", () -> account + "/interest/payments"),
                new Target("GET", () -> account + "/events"), new Target("GET", () -> account + "/balance"),
                new Target("GET", () -> account + "/balance/history"),
                new Target("GET", () -> account + "/balance?asOf=" + oneOf("2025-01-01T00:00:00Z", "yesterday", "%00",
                        "9999999999", "+1000000000-12-31T23:59:59.999999999Z", "2025-13-45T99:99:99Z", "")),
                new Target("GET", () -> "/api/accounts?balanceBelow=" + oneOf(NUMBERS).replace("+", "%2B")),
                new Target("GET", () -> "/api/accounts?balanceBelow="
                        + oneOf(NOT_NUMBERS).replace("\"", "%22").replace(" ", "%20")),
                new Target("GET", () -> "/api/accounts?balanceBelow=1&balanceBelow=2"),
                new Target("POST", () -> "/api/accounts/" + oddAccountNumber()),
                new Target("POST", () -> "/api/accounts/" + oddAccountNumber() + "/deposits"),
                new Target("GET", () -> "/api/accounts/" + oddAccountNumber()),
                new Target("GET", () -> "/api/accounts"), new Target("GET", () -> "/error"),
                new Target("GET", () -> "/actuator/health"), new Target("GET", () -> "/actuator/nothing"),
                new Target("GET", () -> "/" + oneOf("", "index.html", "app.js", "..%2F..%2Fetc%2Fpasswd", "%2e%2e/",
                        "WEB-INF/web.xml", "api", "api/", "api//accounts", "api/accounts/", "api/accounts/a/b/c/d")));
    }

    Request next() {
        Target target = targets.get(random.nextInt(targets.size()));
        String method = random.nextInt(5) == 0 ? oneOf(METHODS) : target.method();
        List<String> headers = new ArrayList<>();
        byte[] body = null;
        if (!method.equals("GET") || random.nextInt(10) == 0) {
            body = body();
            headers.add("Content-Type: " + (random.nextInt(5) == 0 ? oneOf(CONTENT_TYPES) : "application/json"));
        }
        headers.add("Accept: " + (random.nextInt(4) == 0 ? oneOf(ACCEPTS) : "application/json"));
        if (random.nextInt(3) == 0) {
            headers.add(badHeader());
        }
        return new Request(method + " " + target.path().get() + " HTTP/1.1", headers, body);
    }

    private byte[] body() {
        return switch (random.nextInt(6)) {
            case 0 -> bytes(garbage());
            case 1 -> bytes(truncated(object()));
            case 2 -> bytes(object() + oneOf("", " ", "x", "{}", "]", "\u0000", " {\"amount\": 1}"));
            case 3 -> randomBytes(random.nextInt(64));
            default -> bytes(object());
        };
    }

    /** A JSON object of 0 to 4 fields, the API's and odd ones, with values of any type, extreme or not. */
    private String object() {
        StringBuilder json = new StringBuilder("{");
        int fields = random.nextInt(5);
        for (int i = 0; i < fields; i++) {
            json.append(i > 0 ? "," : "").append('"')
                    .append(random.nextInt(5) == 0 ? oneOf(ODD_KEYS) : oneOf(FIELDS)).append("\":").append(value());
        }
        return json.append('}').toString();
    }

    private String value() {
        return switch (random.nextInt(5)) {
            case 0, 1 -> oneOf(NUMBERS);
            case 2 -> oneOf(NOT_NUMBERS);
            case 3 -> oneOf(TEXTS);
            default -> random.nextBoolean() ? "\"" + "x".repeat(random.nextInt(20_000)) + "\""
                    : "[".repeat(random.nextInt(2_000)) + "1" + "]".repeat(random.nextInt(2_000));
        };
    }

    private String garbage() {
        return oneOf("", "null", "[]", "\"text\"", "12.5", "{", "}", "{\"amount\"", "{amount: 1}", "{'amount': 1}",
                "\uFEFF{\"amount\": 1}", "{\"amount\": 1,}", "{\"amount\": 1, \"amount\": 2}", "not json",
                "{\"amount\": 1}".repeat(100), "{\"a\":" .repeat(1_000), "<xml/>", "\u0000\u0000");
    }

    private String truncated(String json) {
        return json.substring(0, random.nextInt(json.length() + 1));
    }

    private String oddAccountNumber() {
        return oneOf("%5C", "a%5Cb", "%00", "a%00b", "%2F", "a%2Fb", "..", "%2e%2e", "%25", "%ZZ", "%C0%AF",
                "%FF%FE", "%E2%80%AE", "%F0%9F%92%B0", "a".repeat(random.nextInt(3_000)), "a%20b", "a+b", "a;b=c",
                "a%0Ab", "%09", "%7F", "{x}", "a b", "caf\u00e9", "%%", "%2", "~", "*", "a?b=%", "CON", "a#b");
    }

    /** A header that Tomcat or the application must refuse or cope with, raw bytes included. */
    private String badHeader() {
        return switch (random.nextInt(9)) {
            case 0 -> "X-User: " + latin1(randomBytes(1 + random.nextInt(40)));
            case 1 -> "X-User: " + "u".repeat(random.nextInt(20_000));
            case 2 -> "X-User: " + oneOf(latin1("Zo\u00eb \uD83D\uDE00".getBytes(StandardCharsets.UTF_8)),
                    latin1(new byte[] {(byte) 0xC0, (byte) 0xAF}), latin1(new byte[] {(byte) 0xED, (byte) 0xA0,
                            (byte) 0x80}), "\u0085", "a\u0001b", "  ", "\u00ff\u00fe");
            case 3 -> "X-Correlation-Id: " + oneOf("", "c".repeat(5_000), latin1(randomBytes(16)), "a\tb");
            case 4 -> "traceparent: " + oneOf("00-zz-yy-01", "x".repeat(300), latin1(randomBytes(8)));
            case 5 -> oneOf("Host: evil.example", "X-Bad\u0001Name: x", "Bad Header: x", ": no-name",
                    "X-Folded: a\r\n continued", "Content-Encoding: gzip", "Expect: 100-continue",
                    "Accept-Charset: nonsense", "Accept-Language: ;;;", "If-None-Match: *");
            case 6 -> "X-Huge: " + "h".repeat(100 * 1024);
            case 7 -> "Idempotency-Key: " + oneOf("", "\"", "\"a\\", "\"a\\x\"", "\"a\" b", "a b", "k".repeat(300),
                    latin1(randomBytes(12)), "\"" + new UUID(random.nextLong(), random.nextLong()) + "\"");
            default -> "Cookie: " + oneOf("JSESSIONID=" + "z".repeat(100), "=;=;=", latin1(randomBytes(20)));
        };
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        for (int i = 0; i < length; i++) {
            if (bytes[i] == '\r' || bytes[i] == '\n') {
                bytes[i] = (byte) 0xC3; // never end the header early: that would be a different request
            }
        }
        return bytes;
    }

    private String oneOf(String... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static String cut(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...(" + text.length() + " chars)";
    }
}
