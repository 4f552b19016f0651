package de.amtsbote.tracking;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** @param payloadRetention how long operators can read what a portal sent; zero keeps no content */
@Validated
@ConfigurationProperties("amtsbote.tracking")
public record TrackingProperties(@NotNull Duration payloadRetention) {
}
