package de.amtsbote.answers;

import de.amtsbote.connectors.Destination;
import de.amtsbote.delivery.ExternalBrokerSettings;
import java.util.Map;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.apache.camel.support.DefaultHeaderFilterStrategy;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The callback queue's redelivery policy, kept by the broker as for destination queues, and the callbacks' headers. */
@Configuration(proxyBeanMethods = false)
class CallbackConfiguration implements InitializingBean {

    static final String HEADER_FILTER = "callbackHeaderFilter";

    private final AnswerProperties answers;
    private final ObjectProvider<ExternalBrokerSettings> externalBroker;

    CallbackConfiguration(AnswerProperties answers, ObjectProvider<ExternalBrokerSettings> externalBroker) {
        this.answers = answers;
        this.externalBroker = externalBroker;
    }

    /** On an external broker, through its management (as {@link ExternalBrokerSettings} does for destinations). */
    @Override
    public void afterPropertiesSet() {
        externalBroker.ifAvailable(broker -> broker.apply(queueSettings(answers)));
    }

    @Bean
    @ConditionalOnProperty(name = "spring.artemis.mode", havingValue = "embedded", matchIfMissing = true)
    ArtemisConfigurationCustomizer callbackQueueSettings() {
        return configuration -> queueSettings(answers).forEach(configuration::addAddressSetting);
    }

    /**
     * The waits between attempts are the broker's; it gives up one attempt after the hub would, into a dead-letter
     * queue of its own (never the submissions' one, whose consumer keeps submissions).
     */
    static Map<String, AddressSettings> queueSettings(AnswerProperties answers) {
        Destination.Retry retry = answers.retry();
        return Map.of(answers.callbackQueue(), new AddressSettings()
                .setMaxDeliveryAttempts(retry.maxAttempts() + 1)
                .setRedeliveryDelay(retry.delay().toMillis())
                .setRedeliveryMultiplier(retry.multiplier())
                .setMaxRedeliveryDelay(retry.maxDelay().toMillis())
                .setDeadLetterAddress(SimpleString.of(answers.callbackDeadLetterQueue()))
                .setAutoCreateDeadLetterResources(true));
    }

    /** Only the answer and the callback headers go to the portal; nothing of its answer becomes a Camel header. */
    @Bean(HEADER_FILTER)
    HeaderFilterStrategy callbackHeaderFilter() {
        DefaultHeaderFilterStrategy filter = new DefaultHeaderFilterStrategy();
        filter.setFilterOnMatch(false); // the patterns name what passes
        filter.setOutFilterPattern(CallbackHeaders.HTTP_OUT);
        filter.setInFilterPattern("(?!)"); // matches nothing: nothing passes
        filter.setCaseInsensitive(true);
        return filter;
    }
}
