package de.amtsbote.answers;

/** What a queued callback carries beside the answer's XML (JMS properties), and what the portal gets (HTTP). */
final class CallbackHeaders {

    /** The answer's id on the callback queue. */
    static final String ANSWER_ID = "amtsboteAnswerId";
    /** The portal whose callback URL gets the answer. */
    static final String PORTAL = "amtsbotePortal";
    /** HTTP headers to the portal: which submission the answer belongs to, and which answer it is. */
    static final String HTTP_TRACKING_ID = "X-Amtsbote-Tracking-Id";
    static final String HTTP_ANSWER_ID = "X-Amtsbote-Answer-Id";
    /** The answer id again, for a portal that deduplicates on it (a redelivery after a lost confirmation). */
    static final String HTTP_IDEMPOTENCY_KEY = "Idempotency-Key";
    /** Nothing else goes out to the portal, nothing of its answer comes back in. */
    static final String HTTP_OUT = "Content-Type|" + HTTP_TRACKING_ID + "|" + HTTP_ANSWER_ID + "|" + HTTP_IDEMPOTENCY_KEY;

    private CallbackHeaders() {
    }
}
