package de.amtsbote.operations.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import de.amtsbote.HubClient;
import de.amtsbote.HubTestSupport;
import de.amtsbote.Samples;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** With tracing off (the default) the hub records no spans: off costs nothing beyond carrying trace ids. */
class TracingOffTest extends HubTestSupport {

    @Autowired
    Sampler sampler;

    @Autowired
    Tracer tracer;

    @Test
    void spansAreNotRecordedButStillCarryATraceId() {
        assertThat(sampler.getDescription()).isEqualTo(Sampler.alwaysOff().getDescription());
        Span span = tracer.nextSpan().name("probe").start();
        try {
            assertThat(span.isNoop()).as("recording").isTrue();
            assertThat(span.context().sampled()).isFalse();
            assertThat(span.context().traceId()).hasSize(32);
        } finally {
            span.end();
        }
        // and the hub still works with it
        assertThat(new HubClient(PORT).submit(Samples.xbauWithNewMessageId("baugenehmigung-antrag-0200.xml")).status())
                .isEqualTo(202);
    }
}
