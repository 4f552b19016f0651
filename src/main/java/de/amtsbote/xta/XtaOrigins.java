package de.amtsbote.xta;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Where a submission fetched from an XTA message box came from: the account and the XTA author to answer. */
@Repository
class XtaOrigins {

    /**
     * @param author the XTA author's party identifier as {@code type:identifier}
     */
    record Origin(String trackingId, String account, String xtaMessageId, String author, String service,
                  String businessScenario) {
    }

    private final JdbcTemplate jdbc;

    XtaOrigins(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Once per submission: a message fetched again (its close was lost) keeps its first origin. */
    void record(String trackingId, String account, XtaMetaData meta) {
        if (meta.author() == null) {
            return; // no author, nobody to answer through XTA
        }
        try {
            jdbc.update("""
                    insert into xta_origin (tracking_id, account, xta_message_id, author, service, business_scenario,
                                            recorded_at)
                    values (?, ?, ?, ?, ?, ?, ?)""", trackingId, account, meta.messageId(), meta.author(),
                    meta.service(), meta.businessScenario(), Timestamp.from(Instant.now()));
        } catch (DuplicateKeyException known) {
            // recorded by the first fetch
        }
    }

    Optional<Origin> find(String trackingId) {
        return jdbc.query("select * from xta_origin where tracking_id = ?", (rs, row) -> new Origin(
                rs.getString("tracking_id"), rs.getString("account"), rs.getString("xta_message_id"),
                rs.getString("author"), rs.getString("service"), rs.getString("business_scenario")), trackingId)
                .stream().findFirst();
    }
}
