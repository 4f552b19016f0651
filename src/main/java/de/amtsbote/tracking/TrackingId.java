package de.amtsbote.tracking;

import java.util.UUID;
import java.util.regex.Pattern;

/** The hub's id for one submission, given to the portal in the receipt and used in every log line. */
public record TrackingId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public TrackingId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not a tracking id: " + value);
        }
    }

    public static TrackingId next() {
        return new TrackingId(UUID.randomUUID().toString());
    }

    public static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
