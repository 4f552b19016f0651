package de.amtsbote.attachments;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Documents that travel beside a submission's XML (multipart POSTs to the REST intake).
 *
 * @param directory    where they are kept from acceptance until delivery; every hub replica must see the same one
 * @param maxPartSize  the largest single document; larger ones are refused with 413 while they are read
 * @param maxTotalSize all documents of one submission together
 * @param maxParts     documents in one submission
 */
@Validated
@ConfigurationProperties("amtsbote.attachments")
public record AttachmentProperties(@NotNull Path directory, @NotNull DataSize maxPartSize,
                                   @NotNull DataSize maxTotalSize, @Positive int maxParts) {
}
