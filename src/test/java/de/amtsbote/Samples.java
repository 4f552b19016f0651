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
    private static final Pattern APPLICATION_REFERENCE =
            Pattern.compile("<referenzAntragsservice>([^<]*)</referenzAntragsservice>");
    private static final Pattern CASE_REFERENCE = Pattern.compile("<referenz>([^<]*)</referenz>");
    /** Where an answer names the message it answers (XBau bezugNachricht). */
    private static final Pattern ANSWERED_MESSAGE_ID = Pattern.compile("<bn-g2g:nachrichtenUUID>[^<]*</bn-g2g:nachrichtenUUID>");

    private Samples() {
    }

    public static String xbau(String fileName) {
        try {
            return Files.readString(FOLDER.resolve(fileName), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The sample with a new nachrichtenUUID, as a portal would send a new message; an application also starts a new
     * case (a new service reference), so unrelated tests never wait for each other's cases.
     */
    public static String xbauWithNewMessageId(String fileName) {
        String xml = replace(MESSAGE_ID, xbau(fileName), "nachrichtenUUID", UUID.randomUUID().toString());
        return replace(APPLICATION_REFERENCE, xml, "referenzAntragsservice", UUID.randomUUID().toString());
    }

    /** A new amendment (0202) of the case the given application (0200) opened. */
    public static String amendmentOf(String applicationXml) {
        String xml = xbauWithNewMessageId("baugenehmigung-antragGeaendert-0202.xml");
        return replace(CASE_REFERENCE, xml, "referenz", group(APPLICATION_REFERENCE, applicationXml));
    }

    /**
     * An answer sample (0201, 1180) with a new nachrichtenUUID, naming the answered message and its case.
     */
    public static String answerTo(String fileName, String answeredMessageId, String caseReference) {
        String xml = replace(MESSAGE_ID, xbau(fileName), "nachrichtenUUID", UUID.randomUUID().toString());
        xml = ANSWERED_MESSAGE_ID.matcher(xml).replaceFirst(Matcher.quoteReplacement(
                "<bn-g2g:nachrichtenUUID>" + answeredMessageId + "</bn-g2g:nachrichtenUUID>"));
        return replace(CASE_REFERENCE, xml, "referenz", caseReference);
    }

    /** The application's own case reference (referenzAntragsservice). */
    public static String applicationReference(String applicationXml) {
        return group(APPLICATION_REFERENCE, applicationXml);
    }

    public static String messageId(String xml) {
        return group(MESSAGE_ID, xml);
    }

    private static String replace(Pattern element, String xml, String name, String value) {
        return element.matcher(xml).replaceFirst(Matcher.quoteReplacement("<" + name + ">" + value + "</" + name + ">"));
    }

    private static String group(Pattern element, String xml) {
        Matcher matcher = element.matcher(xml);
        if (!matcher.find()) {
            throw new IllegalArgumentException("no " + element.pattern() + " in sample");
        }
        return matcher.group(1);
    }
}
