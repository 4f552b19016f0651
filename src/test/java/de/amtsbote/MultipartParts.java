package de.amtsbote;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.tomcat.util.http.fileupload.MultipartStream;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;

/** What a receiver of the hub's multipart requests (a specialist system, a portal, an XTA client) reads from them. */
public final class MultipartParts {

    public record Part(String name, String fileName, String contentType, byte[] content) {
    }

    private MultipartParts() {
    }

    /** The parts by their form name, or by their Content-ID (an MTOM package's root part, without a name, as "root"). */
    public static Map<String, Part> of(InputStream body, String contentType) throws IOException {
        String boundary = MediaType.parseMediaType(contentType).getParameter("boundary").replaceAll("^\"|\"$", "");
        MultipartStream stream = new MultipartStream(body, boundary.getBytes(StandardCharsets.ISO_8859_1), 8192, null);
        stream.setHeaderEncoding("UTF-8");
        Map<String, Part> parts = new LinkedHashMap<>();
        boolean more = stream.skipPreamble();
        while (more) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line : stream.readHeaders().split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).trim().toLowerCase(), line.substring(colon + 1).trim());
                }
            }
            ContentDisposition disposition = headers.containsKey("content-disposition")
                    ? ContentDisposition.parse(headers.get("content-disposition")) : ContentDisposition.empty();
            String name = disposition.getName() != null ? disposition.getName()
                    : headers.get("content-type").startsWith("application/xop+xml") ? "root"
                    : headers.get("content-id").replaceAll("^<|>$", "");
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            stream.readBodyData(content);
            parts.put(name, new Part(name, disposition.getFilename(), headers.get("content-type"), content.toByteArray()));
            more = stream.readBoundary();
        }
        return parts;
    }
}
