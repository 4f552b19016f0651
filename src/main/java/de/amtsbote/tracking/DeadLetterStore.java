package de.amtsbote.tracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The dead-letter store (table {@code dead_letter}): what no attempt delivered, with everything to send it again. */
@Repository
public class DeadLetterStore {

    private static final String SUMMARY_COLUMNS = "tracking_id, message_id, connector, destination, case_reference, "
            + "attempts, last_error, dead_at, headers, octet_length(payload) as size";
    private static final TypeReference<Map<String, Object>> HEADERS = new TypeReference<>() { };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public DeadLetterStore(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public record Page(List<DeadLetter> items, int page, int size, long total) {
    }

    /** Keeps a dead letter; the same message dead-lettered again (a redelivery after a crash) replaces its entry. */
    @Transactional
    public void keep(DeadLetter letter) {
        jdbc.update("delete from dead_letter where tracking_id = ?", letter.trackingId());
        jdbc.update("""
                insert into dead_letter (tracking_id, message_id, connector, destination, case_reference, attempts,
                                         last_error, headers, payload, dead_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                letter.trackingId(), letter.messageId(), letter.connector(), letter.destination(),
                letter.caseReference(), letter.attempts(), letter.lastError(), write(letter.headers()),
                letter.payload(), letter.deadAt().atOffset(ZoneOffset.UTC));
    }

    /** How many dead letters of this destination wait for an operator. */
    public long count(String destination) {
        Long count = jdbc.queryForObject("select count(*) from dead_letter where destination = ?", Long.class, destination);
        return count == null ? 0 : count;
    }

    /** Oldest first, optionally only one connector's or destination's. */
    public Page list(String connector, String destination, int page, int size) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        List<Object> arguments = new ArrayList<>();
        if (connector != null) {
            where.append(" and connector = ?");
            arguments.add(connector);
        }
        if (destination != null) {
            where.append(" and destination = ?");
            arguments.add(destination);
        }
        Long total = jdbc.queryForObject("select count(*) from dead_letter" + where, Long.class, arguments.toArray());
        List<Object> paged = new ArrayList<>(arguments);
        paged.add((long) page * size);
        paged.add(size);
        List<DeadLetter> items = jdbc.query("select " + SUMMARY_COLUMNS + " from dead_letter" + where
                + " order by dead_at, tracking_id offset ? rows fetch next ? rows only",
                (rs, row) -> read(rs, null), paged.toArray());
        return new Page(items, page, size, total == null ? 0 : total);
    }

    public Optional<DeadLetter> find(TrackingId trackingId) {
        return jdbc.query("select " + SUMMARY_COLUMNS + ", payload from dead_letter where tracking_id = ?",
                (rs, row) -> read(rs, rs.getBytes("payload")), trackingId.value()).stream().findFirst();
    }

    /**
     * Hands the dead letter to {@code resend} and removes it, in one transaction holding its row: two operators
     * replaying at once send it once. Should the removal not commit after the send, the delivery removes the entry.
     *
     * @return false when there is no such dead letter (any more)
     */
    @Transactional
    public boolean take(TrackingId trackingId, Consumer<DeadLetter> resend) {
        Optional<DeadLetter> letter = jdbc.query("select " + SUMMARY_COLUMNS + ", payload from dead_letter "
                        + "where tracking_id = ? for update", (rs, row) -> read(rs, rs.getBytes("payload")),
                trackingId.value()).stream().findFirst();
        letter.ifPresent(found -> {
            resend.accept(found);
            jdbc.update("delete from dead_letter where tracking_id = ?", trackingId.value());
        });
        return letter.isPresent();
    }

    /** How many dead letters each destination has, for those that have any. */
    public Map<String, Long> countsByDestination() {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.query("select destination, count(*) as n from dead_letter group by destination order by destination",
                rs -> {
                    counts.put(rs.getString("destination"), rs.getLong("n"));
                });
        return counts;
    }

    /** The tracking ids of one destination's dead letters, oldest first. */
    public List<TrackingId> trackingIds(String destination) {
        return jdbc.query("select tracking_id from dead_letter where destination = ? order by dead_at, tracking_id",
                (rs, row) -> new TrackingId(rs.getString(1)), destination);
    }

    private DeadLetter read(ResultSet rs, byte[] payload) throws SQLException {
        Instant deadAt = rs.getObject("dead_at", OffsetDateTime.class).toInstant();
        return new DeadLetter(rs.getString("tracking_id"), rs.getString("message_id"), rs.getString("connector"),
                rs.getString("destination"), rs.getString("case_reference"), rs.getInt("attempts"),
                rs.getString("last_error"), deadAt, read(rs.getString("headers")), rs.getLong("size"), payload);
    }

    private String write(Map<String, Object> headers) {
        try {
            return json.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("headers not writable as JSON", e);
        }
    }

    private Map<String, Object> read(String headers) {
        try {
            return json.readValue(headers, HEADERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored headers are not JSON", e);
        }
    }
}
