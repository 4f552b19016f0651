package de.amtsbote.security;

import static org.assertj.core.api.Assertions.assertThat;

import de.amtsbote.demo.DemoProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Import;

/** The profile "production" does not start with the shipped demo credentials or the demo specialist system. */
class ProductionGuardTest {

    @EnableConfigurationProperties({SecurityProperties.class, DemoProperties.class})
    @Import(ProductionGuard.class)
    static class Guarded {
    }

    private final ApplicationContextRunner hub = new ApplicationContextRunner().withUserConfiguration(Guarded.class)
            .withPropertyValues("amtsbote.security.clients.city-portal.roles=portal",
                    "amtsbote.security.clients.city-portal.api-key=3f1c9a0e-secret-from-the-environment");

    @Test
    void demoKeysAreRefusedInProduction() {
        hub.withPropertyValues("spring.profiles.active=production",
                        "amtsbote.security.clients.demo-portal.api-key=demo-portal-key")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("amtsbote.security.clients.demo-portal.api-key"));
    }

    @Test
    void theDemoSpecialistSystemIsRefusedInProduction() {
        hub.withPropertyValues("spring.profiles.active=production", "amtsbote.demo.enabled=true")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("amtsbote.demo.enabled=false"));
    }

    @Test
    void productionWithItsOwnSecretsStarts() {
        hub.withPropertyValues("spring.profiles.active=production", "amtsbote.demo.enabled=false")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void demoKeysAreFineOutsideProduction() {
        hub.withPropertyValues("amtsbote.security.clients.demo-portal.api-key=demo-portal-key", "amtsbote.demo.enabled=true")
                .run(context -> assertThat(context).hasNotFailed());
    }
}
