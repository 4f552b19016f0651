package de.amtsbote.delivery;

import de.amtsbote.connectors.ConnectorRegistry;
import de.amtsbote.connectors.Destination;
import de.amtsbote.xoev.SecureXml;
import java.util.Map;
import java.util.TreeMap;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.camel.Exchange;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.apache.camel.support.DefaultHeaderFilterStrategy;
import org.apache.cxf.Bus;
import org.apache.cxf.staxutils.StaxUtils;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

    static final String HEADER_FILTER = "hubHeaderFilter";

    DeliveryConfiguration(Bus bus) {
        // CXF's default JDK HttpClient conduit is markedly slower than the URLConnection one for many small calls
        bus.setProperty("force.urlconnection.http.conduit", Boolean.TRUE);
        xmlLimits().forEach(bus::setProperty);
    }

    /**
     * CXF parses every SOAP message on the hub's bus (the specialist systems' answers; the demo's requests) with
     * the hub's XML limits rather than its own defaults, and never with a parser that reads DTDs.
     */
    static Map<String, Object> xmlLimits() {
        return Map.of(
                StaxUtils.ALLOW_INSECURE_PARSER, Boolean.FALSE,
                StaxUtils.MAX_ELEMENT_DEPTH, SecureXml.MAX_ELEMENT_DEPTH,
                StaxUtils.MAX_CHILD_ELEMENTS, SecureXml.MAX_CHILDREN_PER_ELEMENT,
                StaxUtils.MAX_ATTRIBUTE_COUNT, SecureXml.MAX_ATTRIBUTES_PER_ELEMENT,
                StaxUtils.MAX_ATTRIBUTE_SIZE, SecureXml.MAX_ATTRIBUTE_SIZE,
                StaxUtils.MAX_TEXT_LENGTH, SecureXml.MAX_TEXT_LENGTH,
                StaxUtils.MAX_ELEMENT_COUNT, SecureXml.MAX_ELEMENT_COUNT,
                StaxUtils.MAX_XML_CHARACTERS, SecureXml.MAX_CHARACTERS);
    }

    /**
     * Only the hub's own headers cross the broker and the SOAP hop, in either direction: nothing from outside
     * can become a Camel header, and no internal header leaks to a specialist system.
     */
    @Bean(HEADER_FILTER)
    HeaderFilterStrategy hubHeaderFilter() {
        DefaultHeaderFilterStrategy filter = new DefaultHeaderFilterStrategy();
        filter.setFilterOnMatch(false); // the patterns name what passes
        String hubHeaders = DeliveryHeaders.PREFIX + ".*|" + Exchange.BREADCRUMB_ID + "|" + DeliveryHeaders.TRACE_CONTEXT;
        // the group id, duplicate id and schedule are for the broker only: they go out to it, never come back in
        filter.setOutFilterPattern(hubHeaders + "|" + DeliveryHeaders.GROUP_ID + "|" + DeliveryHeaders.DUPLICATE_ID
                + "|" + DeliveryHeaders.SCHEDULED_AT);
        filter.setInFilterPattern(hubHeaders + "|" + DeliveryHeaders.DELIVERY_COUNT);
        return filter;
    }

    /** A REST destination gets the body and {@link Protocols#REST_HEADERS}; no answer header becomes a Camel header. */
    @Bean(Protocols.REST_HEADER_FILTER)
    HeaderFilterStrategy restHeaderFilter() {
        DefaultHeaderFilterStrategy filter = new DefaultHeaderFilterStrategy();
        filter.setFilterOnMatch(false);
        filter.setOutFilterPattern(Protocols.REST_HEADERS);
        filter.setInFilterPattern("(?!)"); // matches nothing: nothing passes
        filter.setCaseInsensitive(true);
        return filter;
    }

    /**
     * The HTTP client of REST destinations does not retry by itself (it would repeat a 503 after a second, on a
     * thread that waits): every attempt is the broker's, counted, and spaced by the destination's retry policy.
     */
    @Bean(Protocols.REST_CLIENT)
    HttpClientConfigurer restClient() {
        return HttpClientBuilder::disableAutomaticRetries;
    }

    /**
     * The embedded broker's settings: the journal flush timer, and per destination queue the redelivery policy.
     */
    @Bean
    @ConditionalOnProperty(name = "spring.artemis.mode", havingValue = "embedded", matchIfMissing = true)
    ArtemisConfigurationCustomizer brokerSettings(DeliveryProperties delivery, ConnectorRegistry connectors) {
        return configuration -> {
            configuration.setJournalBufferTimeout_NIO((int) delivery.journalBufferTimeout().toNanos());
            queueSettings(delivery, connectors.destinations()).forEach(configuration::addAddressSetting);
        };
    }

    /**
     * The redelivery policy of each destination queue: the wait between attempts is the broker's, so it can last
     * days without holding a hub thread. The broker gives up one attempt after the hub would, so its own
     * dead-lettering is only a safety net.
     */
    static Map<String, AddressSettings> queueSettings(DeliveryProperties delivery, Map<String, Destination> destinations) {
        Map<String, AddressSettings> settings = new TreeMap<>();
        destinations.forEach((id, destination) -> {
            Destination.Retry retry = destination.retry();
            settings.put(delivery.queueFor(id), new AddressSettings()
                    .setMaxDeliveryAttempts(retry.maxAttempts() + 1)
                    .setRedeliveryDelay(retry.delay().toMillis())
                    .setRedeliveryMultiplier(retry.multiplier())
                    .setMaxRedeliveryDelay(retry.maxDelay().toMillis())
                    .setDeadLetterAddress(SimpleString.of(delivery.deadLetterQueue()))
                    // cases hash into a fixed number of groups: bounded broker memory however many cases there are
                    .setDefaultGroupBuckets(delivery.groupBuckets()));
        });
        return settings;
    }
}
