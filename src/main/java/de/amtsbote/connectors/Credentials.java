package de.amtsbote.connectors;

/**
 * What the hub presents to a destination, from {@code amtsbote.credentials.<name>} (environment or secrets files):
 * a user name and password (HTTP Basic, SFTP), or a bearer token (REST).
 */
public record Credentials(String username, String password, String token) {

    public static final Credentials NONE = new Credentials(null, null, null);

    public boolean hasPassword() {
        return username != null && password != null;
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", secrets hidden]";
    }
}
