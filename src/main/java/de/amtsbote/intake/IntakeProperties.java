package de.amtsbote.intake;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/** @param maxBodySize larger submissions are refused with 413 before they are read */
@Validated
@ConfigurationProperties("amtsbote.intake")
public record IntakeProperties(@NotNull DataSize maxBodySize) {
}
