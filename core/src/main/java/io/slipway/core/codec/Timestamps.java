package io.slipway.core.codec;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Pattern;

/** The three timestamp formats AWS protocols use: epoch-seconds, date-time (ISO 8601) and http-date. */
public final class Timestamps {
    public static final String EPOCH_SECONDS = "unixTimestamp";
    public static final String ISO_8601 = "iso8601";
    public static final String HTTP_DATE = "rfc822";
    private static final DateTimeFormatter HTTP = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);

    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");
    private static final Pattern EPOCH = Pattern.compile("-?\\d+(\\.\\d+)?");

    private Timestamps() {
    }

    /** ISO 8601 in UTC with a fraction only when there is one: 2014-04-29T18:30:38Z, 2014-04-29T18:30:38.123Z. */
    public static String iso(Instant t) {
        return t.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    public static String httpDate(Instant t) {
        return HTTP.format(t);
    }

    /** Epoch seconds, with a millisecond fraction when there is one. */
    public static BigDecimal epochSeconds(Instant t) {
        long millis = t.toEpochMilli();
        return millis % 1000 == 0 ? BigDecimal.valueOf(millis / 1000)
                : BigDecimal.valueOf(millis, 3).stripTrailingZeros();
    }

    /**
     * Epoch seconds as an instant. Out of Instant's range (a client's 1e20, or 1e999999999, which
     * would cost a huge number to scale) is malformed input; the range is checked before any arithmetic.
     */
    public static Instant fromEpochSeconds(BigDecimal seconds) {
        if (seconds.compareTo(MAX_EPOCH_SECONDS) > 0 || seconds.compareTo(MAX_EPOCH_SECONDS.negate()) < 0) {
            throw new MalformedInputException("Timestamp " + seconds.toString() + " is out of range");
        }
        BigDecimal millis = seconds.movePointRight(3).setScale(0, RoundingMode.HALF_EVEN);
        return Instant.ofEpochMilli(millis.longValueExact());
    }

    /** The largest epoch second whose milliseconds still fit a long. */
    private static final BigDecimal MAX_EPOCH_SECONDS = BigDecimal.valueOf(Long.MAX_VALUE / 1000 - 1);

    /** Parses ISO 8601 (with or without offset and fraction) or http-date; null when it is neither. */
    public static Instant parse(String text) {
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.from(HTTP.parse(text));
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /**
     * Parses text in exactly one format (null means epoch seconds), as restJson1 servers must: an
     * RFC 3339 date-time in UTC ("Z", no offset), an IMF-fixdate, or decimal epoch seconds. Null
     * when the text is not in that format.
     */
    public static Instant parseStrict(String text, String format) {
        try {
            if (ISO_8601.equals(format)) {
                return DATE_TIME.matcher(text).matches() ? java.time.OffsetDateTime.parse(text).toInstant() : null;
            }
            if (HTTP_DATE.equals(format)) {
                return Instant.from(HTTP.parse(text));
            }
            return EPOCH.matcher(text).matches() ? fromEpochSeconds(new BigDecimal(text)) : null;
        } catch (java.time.DateTimeException | ArithmeticException | MalformedInputException e) {
            return null;
        }
    }
}
