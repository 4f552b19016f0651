package de.amtsbote.tracking;

import de.amtsbote.xoev.XoevHeader;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What the hub records about a valid submission before it is queued.
 *
 * @param submittedBy the client that sent it
 */
public record NewSubmission(TrackingId trackingId, XoevHeader header, String connector, String destination,
                            String submittedBy, String contentSha256) {

    /** A submission of this message, identified by the SHA-256 of its bytes as received. */
    public static NewSubmission of(TrackingId trackingId, XoevHeader header, String connector, String destination,
                                   String submittedBy, byte[] message) {
        try {
            return new NewSubmission(trackingId, header, connector, destination, submittedBy,
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(message)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
