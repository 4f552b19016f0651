package de.amtsbote.api;

import de.amtsbote.attachments.StoredAttachment;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A stored document as a download: streamed from its file, named as the hub names it elsewhere, its hash as ETag. */
public final class Downloads {

    private Downloads() {
    }

    public static ResponseEntity<Resource> of(StoredAttachment document) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(document.safeName(), StandardCharsets.UTF_8).build().toString())
                .eTag(document.document().sha256().toLowerCase(Locale.ROOT))
                .body(new FileSystemResource(document.file()));
    }
}
