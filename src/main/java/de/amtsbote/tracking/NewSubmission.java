package de.amtsbote.tracking;

import de.amtsbote.xoev.XoevHeader;

/** What the intake records about a valid submission before it is queued. */
public record NewSubmission(TrackingId trackingId, XoevHeader header, String connector, String destination,
                            String contentSha256) {
}
