package de.amtsbote.connectors;

import java.nio.file.Path;

/** A connector or header profile file that the hub cannot use; the message names the file and the problem. */
public class ConnectorConfigurationException extends RuntimeException {

    public ConnectorConfigurationException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public ConnectorConfigurationException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
    }
}
