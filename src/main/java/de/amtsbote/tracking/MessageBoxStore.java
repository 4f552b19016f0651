package de.amtsbote.tracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.amtsbote.attachments.DeclaredDocument;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The message boxes of message-box destinations (table {@code message_box}): what the delivery route put there for
 * a specialist system that pulls, until it closes it. One entry per destination and tracking id.
 */
@Repository
public class MessageBoxStore {

    private static final String COLUMNS = "destination, tracking_id, message_id, connector, content_type, payload_size, "
            + "accepted_at, put_at, closed_at, closed_by, documents";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<DeclaredDocument>> DOCUMENTS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;

    public MessageBoxStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What a put found: a new entry, or the entry of an earlier attempt (a redelivery), open or already closed. */
    public enum Put { NEW, PENDING_BEFORE, CLOSED_BEFORE }

    /**
     * Puts a message into its destination's box. A redelivery of the same message (the broker's transaction rolled
     * back after the insert) finds its entry and leaves it as it is. Not in a transaction of its own choosing: on
     * PostgreSQL a refused insert would spoil the transaction around it.
     *
     * @param documents the documents beside the message, whose bytes the attachment store keeps until the close
     */
    public Put put(String destination, TrackingId trackingId, String messageId, String connector, String contentType,
                   byte[] payload, List<DeclaredDocument> documents, Instant acceptedAt) {
        try {
            jdbc.update("""
                    insert into message_box (destination, tracking_id, message_id, connector, content_type, payload,
                                             payload_size, documents, accepted_at, put_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    destination, trackingId.value(), messageId, connector, contentType, payload, (long) payload.length,
                    documents.isEmpty() ? null : JSON.writeValueAsString(documents),
                    acceptedAt == null ? null : acceptedAt.atOffset(ZoneOffset.UTC), now());
            return Put.NEW;
        } catch (DuplicateKeyException putBefore) {
            return find(destination, trackingId).map(entry -> entry.closed() ? Put.CLOSED_BEFORE : Put.PENDING_BEFORE)
                    .orElseThrow(() -> putBefore);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Documents of " + trackingId + " cannot be written as JSON", e);
        }
    }

    /** The open entries of these boxes, oldest first (in the order they were put). */
    public List<MessageBoxEntry> pending(Collection<String> destinations, int limit) {
        if (destinations.isEmpty()) {
            return List.of();
        }
        List<Object> arguments = new ArrayList<>(destinations);
        arguments.add(limit);
        return jdbc.query("select " + COLUMNS + " from message_box where closed_at is null and destination in ("
                        + String.join(", ", destinations.stream().map(d -> "?").toList())
                        + ") order by put_seq fetch first ? rows only",
                (rs, row) -> entry(rs), arguments.toArray());
    }

    public Optional<MessageBoxEntry> find(String destination, TrackingId trackingId) {
        return jdbc.query("select " + COLUMNS + " from message_box where destination = ? and tracking_id = ?",
                (rs, row) -> entry(rs), destination, trackingId.value()).stream().findFirst();
    }

    /** The entry with this tracking id in any box (a tracking id names one submission, hence one destination). */
    public Optional<MessageBoxEntry> find(TrackingId trackingId) {
        return jdbc.query("select " + COLUMNS + " from message_box where tracking_id = ?",
                (rs, row) -> entry(rs), trackingId.value()).stream().findFirst();
    }

    /** The content of an open entry; empty once it is closed. */
    public Optional<byte[]> payload(String destination, TrackingId trackingId) {
        return jdbc.query("select payload from message_box where destination = ? and tracking_id = ? and closed_at is null",
                (rs, row) -> rs.getBytes(1), destination, trackingId.value()).stream().findFirst();
    }

    /**
     * Closes an open entry and removes its content. Whoever closes it first wins.
     *
     * @return true if this call closed it, false if it was closed already (or is not in this box)
     */
    public boolean close(String destination, TrackingId trackingId, String closedBy) {
        return jdbc.update("""
                update message_box set closed_at = ?, closed_by = ?, payload = null
                where destination = ? and tracking_id = ? and closed_at is null""",
                now(), closedBy, destination, trackingId.value()) == 1;
    }

    private static MessageBoxEntry entry(ResultSet rs) throws SQLException {
        String documents = rs.getString("documents");
        OffsetDateTime accepted = rs.getObject("accepted_at", OffsetDateTime.class);
        OffsetDateTime closed = rs.getObject("closed_at", OffsetDateTime.class);
        return new MessageBoxEntry(rs.getString("destination"), rs.getString("tracking_id"), rs.getString("message_id"),
                rs.getString("connector"), rs.getString("content_type"), rs.getLong("payload_size"),
                accepted == null ? null : accepted.toInstant(), rs.getObject("put_at", OffsetDateTime.class).toInstant(),
                closed == null ? null : closed.toInstant(), rs.getString("closed_by"), documents(documents));
    }

    private static List<DeclaredDocument> documents(String json) {
        try {
            return json == null ? List.of() : JSON.readValue(json, DOCUMENTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Documents of a message box entry are not readable: " + json, e);
        }
    }

    private static OffsetDateTime now() {
        return Instant.now().atOffset(ZoneOffset.UTC);
    }
}
