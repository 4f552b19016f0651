package de.amtsbote.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import de.amtsbote.HubTestSupport;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class DeliveredKeysHousekeepingTest extends HubTestSupport {

    @Autowired
    DeliveredKeysHousekeeping housekeeping;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void keysOlderThanTheRetentionGoAndRecentOnesStay() {
        String old = UUID.randomUUID().toString();
        String recent = UUID.randomUUID().toString();
        insertKey(old, Instant.now().minus(Duration.ofDays(31)));
        insertKey(recent, Instant.now().minus(Duration.ofDays(29)));

        housekeeping.removeExpiredKeys();

        assertThat(keyCount(old)).isZero();
        assertThat(keyCount(recent)).isOne();
    }

    private void insertKey(String messageId, Instant createdAt) {
        jdbc.update("insert into camel_messageprocessed (processorname, messageid, createdat) values (?, ?, ?)",
                "delivery-bauaufsicht", messageId, Timestamp.from(createdAt));
    }

    private int keyCount(String messageId) {
        return jdbc.queryForObject("select count(*) from camel_messageprocessed where messageid = ?", Integer.class, messageId);
    }
}
