package io.github.eventsourcing.azure.actuate.internal;

import java.util.regex.Pattern;

/**
 * Removes credentials from text shown on the health endpoint. Storage SDK messages may quote a request URL (whose
 * query can carry a shared access signature) or an authorization header; connection strings carry account keys.
 */
final class SecretRedaction {

    static final String REDACTED = "(redacted)";

    /** Every query string: a SAS token travels as one, and nothing else in a storage URL's query helps an operator. */
    private static final Pattern URL_QUERY = Pattern.compile("(\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s?\"'<>]*)\\?[^\\s\"'<>]*");
    /** Secret settings of connection strings and SAS tokens outside a URL. */
    private static final Pattern SECRET_SETTINGS = Pattern.compile(
            "(?i)\\b(AccountKey|SharedAccessSignature|SharedAccessKey|SharedAccessKeyName|sig|aeg-sas-key|aeg-sas-token)"
                    + "(\\s*[=:]\\s*)[^;&\\s\"'<>]+");
    /** The signature in {@code Authorization: SharedKey account:signature} (and SharedKeyLite). */
    private static final Pattern SHARED_KEY = Pattern.compile("(?i)\\b(SharedKey(?:Lite)?\\s+[^:\\s]+:)\\S+");
    private static final Pattern BEARER = Pattern.compile("(?i)\\b(Bearer\\s+)\\S+");

    private SecretRedaction() {
    }

    static String redact(String text) {
        if (text == null) {
            return null;
        }
        String redacted = URL_QUERY.matcher(text).replaceAll("$1?" + REDACTED);
        redacted = SECRET_SETTINGS.matcher(redacted).replaceAll("$1$2" + REDACTED);
        redacted = SHARED_KEY.matcher(redacted).replaceAll("$1" + REDACTED);
        return BEARER.matcher(redacted).replaceAll("$1" + REDACTED);
    }
}
