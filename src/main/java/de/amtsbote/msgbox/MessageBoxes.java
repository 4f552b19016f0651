package de.amtsbote.msgbox;

import de.amtsbote.attachments.AttachmentStore;
import de.amtsbote.attachments.StoredAttachment;
import de.amtsbote.connectors.Connector;
import de.amtsbote.connectors.ConnectorRegistry;
import de.amtsbote.connectors.Destination;
import de.amtsbote.delivery.DeliveryOutcomes;
import de.amtsbote.operations.Listeners;
import de.amtsbote.security.AccessRefusedException;
import de.amtsbote.security.Client;
import de.amtsbote.security.Role;
import de.amtsbote.tracking.MessageBoxEntry;
import de.amtsbote.tracking.MessageBoxStore;
import de.amtsbote.tracking.Submission;
import de.amtsbote.tracking.SubmissionStatus;
import de.amtsbote.tracking.TrackingId;
import de.amtsbote.tracking.TrackingStore;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the doors of the pull API (REST and XTA's MsgBoxPort) share: which boxes a specialist system may read (those
 * of the message-box destinations of the connectors it serves), and the close that makes a message DELIVERED.
 */
@Service
public class MessageBoxes {

    private static final Logger log = LoggerFactory.getLogger(MessageBoxes.class);

    private final MessageBoxStore store;
    private final TrackingStore tracking;
    private final ConnectorRegistry connectors;
    private final Listeners<DeliveryOutcomes> outcomes;
    private final MessageBoxProperties properties;
    private final AttachmentStore attachments;

    MessageBoxes(MessageBoxStore store, TrackingStore tracking, ConnectorRegistry connectors,
                 ObjectProvider<DeliveryOutcomes> outcomes, MessageBoxProperties properties, AttachmentStore attachments) {
        this.store = store;
        this.tracking = tracking;
        this.connectors = connectors;
        this.outcomes = new Listeners<>(outcomes, "Delivery outcome");
        this.properties = properties;
        this.attachments = attachments;
    }

    /** The result of a close: the entry as it is now, and whether this call closed it. */
    public record Closed(MessageBoxEntry entry, boolean now) {
    }

    /** The message boxes this client reads: those of the message-box destinations of the connectors it serves. */
    public Set<String> readableBy(Client client) {
        Set<String> boxes = new TreeSet<>();
        if (client.is(Role.SPECIALIST_SYSTEM)) {
            connectors.all().stream().filter(connector -> client.connectors().contains(connector.id()))
                    .map(Connector::destination).filter(MessageBoxes::isBox).map(Destination::id).forEach(boxes::add);
        }
        return boxes;
    }

    /**
     * @throws NoSuchBoxException      when no message-box destination has this id
     * @throws AccessRefusedException  when the client serves no connector of this box
     */
    void checkMayRead(Client client, String destination) {
        Destination box = connectors.destinations().get(destination);
        if (box == null || !isBox(box)) {
            throw new NoSuchBoxException("No message box " + destination);
        }
        if (!readableBy(client).contains(destination)) {
            throw new AccessRefusedException(client.id(), "Message box " + destination
                    + " belongs to a connector this client does not serve");
        }
    }

    /** Open entries of the boxes, oldest first; at most {@code limit}, never more than the configured maximum. */
    public List<MessageBoxEntry> pending(Collection<String> boxes, int limit) {
        return store.pending(boxes, Math.max(1, Math.min(limit, properties.maxListItems())));
    }

    /** The entry with this tracking id in one of these boxes; empty if it is in none of them. */
    public Optional<MessageBoxEntry> entryIn(Set<String> boxes, String trackingId) {
        return TrackingId.isValid(trackingId)
                ? store.find(new TrackingId(trackingId)).filter(entry -> boxes.contains(entry.destination()))
                : Optional.empty();
    }

    /** @throws NoSuchBoxException when the box has no such message (or it is another box's) */
    MessageBoxEntry entry(String destination, String trackingId) {
        return (TrackingId.isValid(trackingId) ? store.find(destination, new TrackingId(trackingId))
                : Optional.<MessageBoxEntry>empty())
                .orElseThrow(() -> new NoSuchBoxException("Message box " + destination + " has no message " + trackingId));
    }

    /** The content of an open message. @throws NoSuchBoxException once it is closed (its content is gone) */
    public byte[] payload(MessageBoxEntry entry) {
        return store.payload(entry.destination(), new TrackingId(entry.trackingId())).orElseThrow(() -> new NoSuchBoxException(
                "Message " + entry.trackingId() + " was closed at " + entry.closedAt() + " by " + entry.closedBy()
                        + "; its content is no longer kept"));
    }

    /** The documents beside an open message, in the attachment store. @throws NoSuchBoxException once it is closed */
    public List<StoredAttachment> documents(MessageBoxEntry entry) {
        NoSuchBoxException closed = new NoSuchBoxException("Message " + entry.trackingId() + " was closed; its"
                + " documents are no longer kept");
        if (entry.closed()) {
            throw closed;
        }
        try {
            return attachments.stored(new TrackingId(entry.trackingId()), entry.documents());
        } catch (IllegalStateException missing) {
            boolean closedMeanwhile = store.find(entry.destination(), new TrackingId(entry.trackingId()))
                    .map(MessageBoxEntry::closed).orElse(false);
            if (closedMeanwhile) {
                throw closed; // its close removed them after the entry was read
            }
            throw missing;
        }
    }

    /** The document of an open message with this SHA-256 (hex, as the listing names it). */
    StoredAttachment document(MessageBoxEntry entry, String sha256) {
        return documents(entry).stream().filter(document -> document.document().sha256().equalsIgnoreCase(sha256))
                .findFirst().orElseThrow(() -> new NoSuchBoxException("Message " + entry.trackingId()
                        + " has no document with SHA-256 " + sha256));
    }

    /**
     * Closes a message: it counts as DELIVERED now, and the history says who closed it. Closing it again changes
     * nothing. Entry, status and history change in one transaction; its documents leave the attachment store once
     * that transaction is committed.
     */
    @Transactional
    public Closed close(Client client, MessageBoxEntry entry, String via) {
        TrackingId trackingId = new TrackingId(entry.trackingId());
        if (!store.close(entry.destination(), trackingId, client.id())) {
            return new Closed(store.find(entry.destination(), trackingId).orElseThrow(), false);
        }
        tracking.changed(trackingId, SubmissionStatus.DELIVERED, "Closed in message box " + entry.destination()
                + " by " + client.id() + " (" + via + "): fetched and confirmed by the specialist system");
        MessageBoxEntry closed = store.find(entry.destination(), trackingId).orElseThrow();
        if (!entry.documents().isEmpty()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    attachments.delete(trackingId);
                }
            });
        }
        int attempts = tracking.find(trackingId).map(Submission::attempts).orElse(1);
        log.info("Message {} closed in message box {} by {}", entry.trackingId(), entry.destination(), client.id());
        // the close is the delivery: metrics and health hear of it now, not when the message was put
        outcomes.tell(listener -> listener.delivered(entry.destination(), attempts, entry.acceptedAt()));
        return new Closed(closed, true);
    }

    private static boolean isBox(Destination destination) {
        return destination.protocol() == Destination.Protocol.MSGBOX;
    }
}
