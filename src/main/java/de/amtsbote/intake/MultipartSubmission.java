package de.amtsbote.intake;

import de.amtsbote.attachments.AttachmentProperties;
import de.amtsbote.attachments.AttachmentStore;
import de.amtsbote.attachments.FormData;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.tomcat.util.http.fileupload.MultipartStream;
import org.apache.tomcat.util.http.fileupload.impl.FileUploadIOException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;

/**
 * Reads a {@code multipart/form-data} or {@code multipart/related} submission (or answer) as a stream, part by part,
 * so that no document is ever whole in memory: the message part (form field {@value #MESSAGE_PART}; for
 * multipart/related the part the {@code start} parameter names, else the first) into a bounded byte array, every
 * other part straight into the attachment store, named by its form field name or its Content-ID, which must be the document's
 * {@code dokumentid}. Parsing is Tomcat's own streaming multipart reader (the one behind Servlet parts), without
 * its spooling.
 */
public final class MultipartSubmission {

    static final String MESSAGE_PART = FormData.MESSAGE_PART; // as the hub sends it on
    private static final int BUFFER = 64 * 1024;
    private static final int MAX_PART_HEADERS = 16 * 1024;

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
        MultipartStream parts = new MultipartStream(body, boundary.getBytes(StandardCharsets.ISO_8859_1), BUFFER, null);
        parts.setHeaderEncoding(StandardCharsets.UTF_8.name());
        parts.setPartHeaderSizeMax(MAX_PART_HEADERS);
        byte[] message = null;
        DocumentLimits documentLimits = new DocumentLimits(limits, incoming);
        int documents = 0;
        try {
            boolean more = parts.skipPreamble();
            while (more) {
                Map<String, String> headers = headers(parts.readHeaders());
                String name = related ? related(headers) : formName(headers);
                boolean isMessage = related
                        ? message == null && (start == null ? documents == 0 : start.equals(name))
                        : MESSAGE_PART.equals(name);
                if (isMessage && message != null) {
                    throw new MalformedMultipartException("The submission has more than one part " + MESSAGE_PART);
                }
                if (isMessage) {
                    ByteArrayOutputStream xml = new ByteArrayOutputStream(8192);
                    parts.readBodyData(limited(xml, maxMessage.toBytes(), new PayloadTooLargeException("The message", maxMessage)));
                    message = xml.toByteArray();
                } else {
                    if (name == null || name.isBlank()) {
                        throw new MalformedMultipartException("Every document's part needs a name (form-data) or a "
                                + "Content-ID (related): the document's dokumentid");
                    }
                    documents++;
                    try (OutputStream out = documentLimits.open(name)) {
                        parts.readBodyData(out);
                    }
                }
                more = parts.readBoundary();
            }
        } catch (MultipartStream.MalformedStreamException | FileUploadIOException e) {
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

    private static Map<String, String> headers(String block) {
        Map<String, String> headers = new HashMap<>();
        for (String line : block.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        return headers;
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
