package de.amtsbote.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The built-in demo specialist system, so that the hub delivers somewhere on a fresh machine.
 *
 * @param enabled off in production
 * @param path    where CXF serves it, below {@code /services}
 */
@ConfigurationProperties("amtsbote.demo")
public record DemoProperties(boolean enabled, String path) {
}
