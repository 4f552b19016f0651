package de.amtsbote;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The sample messages under {@code src/test/resources/samples/}. */
public final class Samples {

    private static final Path FOLDER = Path.of("src/test/resources/samples/xbau-2.6");
    private static final Pattern MESSAGE_ID = Pattern.compile("<nachrichtenUUID>([^<]*)</nachrichtenUUID>");

    private Samples() {
    }

    public static String xbau(String fileName) {
        try {
            return Files.readString(FOLDER.resolve(fileName), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample with a new nachrichtenUUID, as a portal would send a new message. */
    public static String xbauWithNewMessageId(String fileName) {
        return MESSAGE_ID.matcher(xbau(fileName)).replaceFirst(
                Matcher.quoteReplacement("<nachrichtenUUID>" + UUID.randomUUID() + "</nachrichtenUUID>"));
    }

    public static String messageId(String xml) {
        Matcher matcher = MESSAGE_ID.matcher(xml);
        if (!matcher.find()) {
            throw new IllegalArgumentException("no nachrichtenUUID in sample");
        }
        return matcher.group(1);
    }
}
