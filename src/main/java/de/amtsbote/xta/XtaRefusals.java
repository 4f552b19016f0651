package de.amtsbote.xta;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Messages the XTA reader refused (table {@code xta_refusal}). The reader closes a refused message, so the XTA
 * server forgets it: this record, with the message as fetched, is what an operator has to follow it up.
 */
@Repository
class XtaRefusals {

    /** One refused message, without its content. */
    record Refusal(long id, String account, String xtaMessageId, String problemType, String problem, String transport,
                   int size, Instant refusedAt) {
    }

    private final JdbcTemplate jdbc;

    XtaRefusals(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void refused(String account, String xtaMessageId, String problemType, String problem, String transport,
                 byte[] payload) {
        jdbc.update("""
                insert into xta_refusal (account, xta_message_id, problem_type, problem, transport, payload, refused_at)
                values (?, ?, ?, ?, ?, ?, ?)""", account, limit(xtaMessageId, 300), problemType, limit(problem, 2000),
                limit(transport, 2000), payload, Instant.now().atOffset(ZoneOffset.UTC));
    }

    /** Newest first. */
    List<Refusal> recent(int limit) {
        return jdbc.query("select id, account, xta_message_id, problem_type, problem, transport,"
                        + " octet_length(payload) as size, refused_at from xta_refusal"
                        + " order by refused_at desc, id desc fetch first ? rows only",
                (rs, row) -> new Refusal(rs.getLong("id"), rs.getString("account"), rs.getString("xta_message_id"),
                        rs.getString("problem_type"), rs.getString("problem"), rs.getString("transport"),
                        rs.getInt("size"), rs.getObject("refused_at", OffsetDateTime.class).toInstant()),
                limit);
    }

    private static String limit(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length - 3) + "...";
    }
}
