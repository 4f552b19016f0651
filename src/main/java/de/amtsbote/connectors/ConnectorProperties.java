package de.amtsbote.connectors;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where connectors and schemas live.
 *
 * @param routes  folder with one sub-folder per connector and {@code standards/} with the header profiles
 * @param schemas folder with the XSD sets; every schema import must resolve inside it
 */
@Validated
@ConfigurationProperties("amtsbote.connectors")
public record ConnectorProperties(@NotNull Path routes, @NotNull Path schemas) {
}
