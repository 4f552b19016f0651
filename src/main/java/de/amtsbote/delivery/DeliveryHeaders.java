package de.amtsbote.delivery;

/**
 * The only headers a queued submission carries (as JMS properties). Nothing else crosses the broker: the JMS
 * header filter drops every other header in both directions.
 */
public final class DeliveryHeaders {

    public static final String PREFIX = "amtsbote";
    public static final String TRACKING_ID = "amtsboteTrackingId";
    public static final String MESSAGE_ID = "amtsboteMessageId";
    public static final String CONNECTOR = "amtsboteConnector";
    /** The client that submitted the message. */
    public static final String SUBMITTED_BY = "amtsboteSubmittedBy";
    /** JMS message group: messages of one case go to one consumer in order. */
    public static final String GROUP_ID = "JMSXGroupID";
    /** Artemis' duplicate detection id: the broker keeps only the first message sent with one id. */
    public static final String DUPLICATE_ID = "_AMQ_DUPL_ID";
    /** Artemis' scheduled delivery: the broker delivers the message from then on (epoch milliseconds). */
    public static final String SCHEDULED_AT = "_AMQ_SCHED_DELIVERY";
    /** How often the message went back to its queue to wait for an earlier message of its case; absent: never. */
    public static final String WAITS = "amtsboteWaits";
    /** When the hub accepted the submission (epoch milliseconds): delivery latency is measured from here. */
    public static final String ACCEPTED_AT = "amtsboteAcceptedAt";
    /** How many documents travel beside the message, kept in the attachment store under the tracking id; absent: none. */
    public static final String ATTACHMENTS = "amtsboteAttachments";
    /** Set on dead letters: why the last attempt failed. */
    public static final String LAST_ERROR = "amtsboteLastError";
    /** Set on dead letters: how many attempts were made. */
    public static final String ATTEMPTS = "amtsboteAttempts";
    /** Where the tracking id shows in the log context: Camel's MDC key for the breadcrumb header. */
    public static final String LOG_KEY = "camel.breadcrumbId";
    /** Where the message id (nachrichtenUUID) shows in the log context; Camel clears it when the exchange is done. */
    public static final String MESSAGE_LOG_KEY = "amtsbote.messageId";
    /** W3C trace context: crosses the broker and the SOAP hop when tracing is on. */
    public static final String TRACE_CONTEXT = "traceparent|tracestate";
    /** The broker's count of deliveries of this message, starting at 1. */
    public static final String DELIVERY_COUNT = "JMSXDeliveryCount";

    private DeliveryHeaders() {
    }
}
