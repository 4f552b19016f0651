package de.amtsbote;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A multipart request body as a portal sends one, form-data or related, whose file parts are streamed from disk
 * when sent (a test never holds a large document in memory).
 */
public final class Multipart {

    private final String subtype;
    private final String boundary = "amtsbote-test-" + UUID.randomUUID();
    private final List<HttpRequest.BodyPublisher> pieces = new ArrayList<>();
    private String start;

    private Multipart(String subtype) {
        this.subtype = subtype;
    }

    public static Multipart formData() {
        return new Multipart("form-data");
    }

    /** multipart/related; its first part is the root unless {@link #start} names another. */
    public static Multipart related() {
        return new Multipart("related");
    }

    public Multipart start(String contentId) {
        this.start = contentId;
        return this;
    }

    /** A form field (form-data) or a part with this Content-ID (related). */
    public Multipart part(String name, String fileName, String contentType, byte[] content) {
        head(name, fileName, contentType);
        pieces.add(HttpRequest.BodyPublishers.ofByteArray(content));
        return this;
    }

    public Multipart part(String name, String fileName, String contentType, Path content) {
        head(name, fileName, contentType);
        try {
            pieces.add(HttpRequest.BodyPublishers.ofFile(content));
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public String contentType() {
        return "multipart/" + subtype + "; boundary=" + boundary
                + (start == null ? "" : "; type=\"application/xml\"; start=\"<" + start + ">\"");
    }

    public HttpRequest.BodyPublisher body() {
        List<HttpRequest.BodyPublisher> all = new ArrayList<>(pieces);
        all.add(text("\r\n--" + boundary + "--\r\n"));
        return HttpRequest.BodyPublishers.concat(all.toArray(HttpRequest.BodyPublisher[]::new));
    }

    private void head(String name, String fileName, String contentType) {
        String headers = "form-data".equals(subtype)
                ? "Content-Disposition: form-data; name=\"" + name + "\""
                        + (fileName == null ? "" : "; filename=\"" + fileName + "\"") + "\r\n"
                : "Content-ID: <" + name + ">\r\n";
        pieces.add(text((pieces.isEmpty() ? "" : "\r\n") + "--" + boundary + "\r\n" + headers
                + "Content-Type: " + contentType + "\r\n\r\n"));
    }

    private static HttpRequest.BodyPublisher text(String text) {
        return HttpRequest.BodyPublishers.ofByteArray(text.getBytes(StandardCharsets.UTF_8));
    }
}
