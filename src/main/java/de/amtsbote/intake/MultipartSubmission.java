package de.amtsbote.intake;

import de.amtsbote.attachments.AttachmentProperties;
import de.amtsbote.attachments.AttachmentStore;
import de.amtsbote.attachments.FormData;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.MimeIOException;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;
import org.apache.james.mime4j.util.ByteSequence;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;

/**
 * Reads a {@code multipart/form-data} or {@code multipart/related} submission (or answer) as a stream, part by part,
 * so that no document is ever whole in memory: the message part (form field {@value #MESSAGE_PART}; for
 * multipart/related the part the {@code start} parameter names, else the first) into a bounded byte array, every
 * other part straight into the attachment store, named by its form field name or its Content-ID, which must be the document's
 * {@code dokumentid}. Parsing is Apache James' streaming MIME parser, whose boundary search skips through a
 * document's bytes rather than comparing each one.
 */
public final class MultipartSubmission {

    static final String MESSAGE_PART = FormData.MESSAGE_PART; // as the hub sends it on
    private static final int WRITE_BUFFER = 64 * 1024;
    /**
     * Strict: a body that ends before its closing boundary, or a part header that is no header, is malformed. The
     * sizes of the message and the documents are the hub's own limits, counted as they are written.
     */
    private static final MimeConfig PARSING = MimeConfig.custom()
            .setStrictParsing(true)
            .setMaxContentLen(-1)
            .setMaxHeaderCount(64)
            .setMaxHeaderLen(16 * 1024)
            .setMaxLineLen(16 * 1024)
            .build();

    private MultipartSubmission() {
    }

    /** @return the message; the documents are in {@code incoming} */
    public static byte[] read(InputStream body, String contentType, AttachmentStore.Incoming incoming, DataSize maxMessage,
                       AttachmentProperties limits) throws IOException {
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (RuntimeException e) {
            throw new MalformedMultipartException("The content type " + contentType + " cannot be read");
        }
        String boundary = unquote(type.getParameter("boundary"));
        if (boundary == null || boundary.isEmpty()) {
            throw new MalformedMultipartException("A multipart submission needs a boundary parameter in its content type");
        }
        boolean related = "related".equalsIgnoreCase(type.getSubtype());
        String start = related ? stripAngles(unquote(type.getParameter("start"))) : null;
        MimeTokenStream parts = new MimeTokenStream(PARSING);
        byte[] message = null;
        DocumentLimits documentLimits = new DocumentLimits(limits, incoming);
        int documents = 0;
        Map<String, String> headers = new HashMap<>();
        try {
            parts.parseHeadless(body, contentType);
            // the submission's own parts only: a document that is itself multipart stays one document
            parts.setRecursionMode(RecursionMode.M_FLAT);
            for (EntityState state = parts.getState(); state != EntityState.T_END_OF_STREAM; state = parts.next()) {
                if (state == EntityState.T_START_HEADER) {
                    headers.clear();
                } else if (state == EntityState.T_FIELD) {
                    headers.put(parts.getField().getName().toLowerCase(Locale.ROOT), value(parts.getField()));
                } else if (state == EntityState.T_BODY) {
                    String name = related ? related(headers) : formName(headers);
                    boolean isMessage = related
                            ? message == null && (start == null ? documents == 0 : start.equals(name))
                            : MESSAGE_PART.equals(name);
                    if (isMessage && message != null) {
                        throw new MalformedMultipartException("The submission has more than one part " + MESSAGE_PART);
                    }
                    if (isMessage) {
                        ByteArrayOutputStream xml = new ByteArrayOutputStream(8192);
                        parts.getInputStream().transferTo(limited(xml, maxMessage.toBytes(),
                                new PayloadTooLargeException("The message", maxMessage)));
                        message = xml.toByteArray();
                    } else {
                        if (name == null || name.isBlank()) {
                            throw new MalformedMultipartException("Every document's part needs a name (form-data) or a "
                                    + "Content-ID (related): the document's dokumentid");
                        }
                        documents++;
                        // the parser hands out a few KiB at a time: the store gets them in larger writes
                        try (OutputStream out = new BufferedOutputStream(documentLimits.open(name), WRITE_BUFFER)) {
                            parts.getInputStream().transferTo(out);
                        }
                    }
                }
            }
        } catch (MimeException | MimeIOException e) {
            throw new MalformedMultipartException("The multipart body cannot be read: " + e.getMessage(), e);
        }
        if (message == null) {
            throw new MalformedMultipartException(related ? "The multipart/related submission has no root part"
                    : "The multipart/form-data submission has no part named " + MESSAGE_PART);
        }
        return message;
    }

    /** A part of multipart/related is named by its Content-ID, else by a Content-Disposition name. */
    private static String related(Map<String, String> headers) {
        String contentId = stripAngles(headers.get("content-id"));
        return contentId != null ? contentId : formName(headers);
    }

    private static String formName(Map<String, String> headers) {
        String disposition = headers.get("content-disposition");
        if (disposition == null) {
            return null;
        }
        try {
            return ContentDisposition.parse(disposition).getName();
        } catch (IllegalArgumentException e) {
            throw new MalformedMultipartException("A part's Content-Disposition cannot be read");
        }
    }

    /** A part header's value as UTF-8 (browsers send file names so), unfolded. */
    private static String value(Field field) {
        ByteSequence raw = field.getRaw();
        if (raw == null) {
            return field.getBody().trim();
        }
        String line = new String(raw.toByteArray(), StandardCharsets.UTF_8);
        return line.substring(line.indexOf(':') + 1).replace("\r\n", "").trim();
    }

    private static OutputStream limited(OutputStream out, long max, PayloadTooLargeException tooLarge) {
        return new FilterOutputStream(out) {
            private long written;

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                written += length;
                if (written > max) {
                    throw tooLarge;
                }
                out.write(bytes, offset, length);
            }

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }
        };
    }

    private static String unquote(String value) {
        return value != null && value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    private static String stripAngles(String value) {
        return value != null && value.startsWith("<") && value.endsWith(">") ? value.substring(1, value.length() - 1) : value;
    }
}
