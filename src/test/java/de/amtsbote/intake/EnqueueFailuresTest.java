package de.amtsbote.intake;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.JMSException;
import org.apache.activemq.artemis.api.core.ActiveMQConnectionTimedOutException;
import org.apache.activemq.artemis.api.core.ActiveMQNotConnectedException;
import org.apache.activemq.artemis.api.core.ActiveMQObjectClosedException;
import org.apache.activemq.artemis.api.core.ActiveMQUnBlockedException;
import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.api.Test;
import org.springframework.jms.UncategorizedJmsException;

class EnqueueFailuresTest {

    @Test
    void aSendUnblockedByAConnectionFailureMayHaveReachedTheBroker() {
        // as the JMS producer reports it: Spring's exception around Artemis' JMSException around the core one
        assertThat(EnqueueFailures.mayBeQueued(asSpringReportsIt(new ActiveMQUnBlockedException(
                "AMQ219016: Connection failure detected. Unblocking a blocking call that will never get a response"))))
                .isTrue();
        assertThat(EnqueueFailures.mayBeQueued(asSpringReportsIt(new ActiveMQConnectionTimedOutException(
                "AMQ219014: Timed out after waiting 30000 ms for response when sending packet 71")))).isTrue();
    }

    @Test
    void noConnectionOrAClosedSessionMeansNothingWasSent() {
        assertThat(EnqueueFailures.mayBeQueued(asSpringReportsIt(new ActiveMQNotConnectedException(
                "AMQ219007: Cannot connect to server(s)")))).isFalse();
        assertThat(EnqueueFailures.mayBeQueued(asSpringReportsIt(new ActiveMQObjectClosedException(
                "AMQ219019: Session is closed")))).isFalse();
        assertThat(EnqueueFailures.mayBeQueued(new RuntimeCamelException(new IllegalStateException("no broker"))))
                .isFalse();
    }

    private static Exception asSpringReportsIt(Exception artemis) {
        JMSException jms = new JMSException(artemis.getMessage());
        jms.initCause(artemis);
        jms.setLinkedException(artemis);
        return new RuntimeCamelException(new UncategorizedJmsException(jms));
    }
}
