package de.amtsbote.attachments;

import de.amtsbote.HubClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The attachment tests' standard (namespace {@value #NS}, schema and header profile under
 * {@code src/test/resources/attachment-test}): messages that declare documents beside them, and connectors for them
 * in the shared hub's routes, loaded by a reload. Used by every test that sends documents, whichever door.
 */
public final class AttachmentTestStandard {

    public static final String NS = "urn:amtsbote:test:anlagen";
    private static final Path RESOURCES = Path.of("src/test/resources/attachment-test");

    private AttachmentTestStandard() {
    }

    /** The standard's schema and profile into the hub's folders (again if another test did it before). */
    public static void install(Path schemas, Path routes) throws IOException {
        Files.createDirectories(schemas.resolve("anlagentest"));
        Files.copy(RESOURCES.resolve("anlagentest.xsd"), schemas.resolve("anlagentest/anlagentest.xsd"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.copy(RESOURCES.resolve("anlagentest.yaml"), routes.resolve("standards/anlagentest-1.yaml"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * A connector for one message root of the standard, its destination id {@code id} with "attachment-" replaced
     * by "test-anlagen-"; {@code stylesheet} (in the connector's folder) may be null.
     */
    public static void connector(Path routes, String id, String root, String destination, String stylesheet) throws IOException {
        connector(routes, id, root, null, destination, stylesheet);
    }

    /** The same, its specialist system answering with {@code answerRoot} (may be null: no answers). */
    public static void connector(Path routes, String id, String root, String answerRoot, String destination,
                                 String stylesheet) throws IOException {
        Path folder = Files.createDirectories(routes.resolve(id));
        String mapping = stylesheet == null ? "" : "mapping:\n  stylesheet: " + stylesheet + "\n  output: xml\n";
        String answers = answerRoot == null ? "" : "answers:\n  - \"{" + NS + "}" + answerRoot + "\"\n";
        Files.writeString(folder.resolve("connector.yaml"), """
                id: %s
                standard: anlagentest-1
                messages:
                  - "{%s}%s"
                %svalidation:
                  schema: anlagentest/anlagentest.xsd
                %sdestination:
                  id: %s
                %s
                """.formatted(id, NS, root, answers, mapping, id.replace("attachment-", "test-anlagen-"),
                destination.indent(2)));
    }

    /**
     * The standard and the connector {@code attachment-xta} (root {@code test.anlagen-xta.0015}, answered with
     * {@code test.anlagen-xta-bescheid.0019}) to a file drop under the data directory, loaded: for documents that
     * come through the XTA doors.
     *
     * @return the drop folder
     */
    public static Path xtaFileDrop(Path schemas, Path routes, Path dataDir, int port) throws IOException {
        Path drop = dataDir.resolve("dropbox/anlagen-xta");
        install(schemas, routes);
        connector(routes, "attachment-xta", "test.anlagen-xta.0015", "test.anlagen-xta-bescheid.0019", """
                  protocol: file
                  address: %s""".formatted(drop), null);
        reload(port);
        return drop;
    }

    /** The hub loads the connectors written meanwhile. */
    public static void reload(int port) {
        HubClient.Response reload = HubClient.operator(port).post("/api/v1/connectors/reload");
        if (reload.status() != 200) {
            throw new IllegalStateException("reload failed: " + reload.body());
        }
    }

    /** A message of the given root with a fresh nachrichtenUUID, declaring the given documents. */
    public static String message(String root, String content, String... documents) {
        return fill("message.xml", root, null, content, documents);
    }

    /** An answer of the given root with a fresh nachrichtenUUID to the message {@code answered}, declaring documents. */
    public static String answer(String root, String answered, String content, String... documents) {
        return fill("answer.xml", root, answered, content, documents);
    }

    private static String fill(String template, String root, String answered, String content, String... documents) {
        try {
            String xml = Files.readString(RESOURCES.resolve(template)).replace("ROOT", root)
                    .replace("MESSAGE_ID", UUID.randomUUID().toString())
                    .replace("CODE", root.substring(root.lastIndexOf('.') + 1)).replace("INHALT", content)
                    .replace("DOCUMENTS", String.join("", documents));
            return answered == null ? xml : xml.replace("ANSWERED", answered);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A document's declaration: its dokumentid, file name, size and SHA-256. */
    public static String document(String id, String fileName, byte[] content) {
        return "  <at:anhang filesize=\"%d\" hashValue=\"%s\"><at:dokumentid>%s</at:dokumentid><at:dateiname>%s</at:dateiname></at:anhang>\n"
                .formatted(content.length, sha256(content).toUpperCase(), id, fileName);
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
