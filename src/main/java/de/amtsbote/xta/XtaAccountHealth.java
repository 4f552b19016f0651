package de.amtsbote.xta;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.NamedContributor;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health/xta}: each enabled XTA account with a ManagementPort, as its XTA server sees it
 * (checkAccountActive, asked at each health request). UP when the account is active; DOWN when it is not, or when
 * the server does not answer: the reader then finds nothing and answers wait. Not part of readiness: the hub's own
 * doors work without the XTA server.
 */
@Component("xtaHealthContributor") // "xta" in the health endpoint
class XtaAccountHealth implements CompositeHealthContributor {

    private final Map<String, XtaProperties.Account> accounts;
    private final XtaManagement management;

    XtaAccountHealth(XtaProperties properties, XtaManagement management) {
        this.accounts = new TreeMap<>();
        properties.accounts().forEach((id, account) -> {
            if (account.enabled() && account.hasManagementPort()) {
                this.accounts.put(id, account);
            }
        });
        this.management = management;
    }

    @Override
    public HealthContributor getContributor(String account) {
        return accounts.containsKey(account) ? indicator(account) : null;
    }

    @Override
    public Iterator<NamedContributor<HealthContributor>> iterator() {
        return accounts.keySet().stream()
                .map(account -> NamedContributor.of(account, (HealthContributor) indicator(account))).iterator();
    }

    private HealthIndicator indicator(String id) {
        return () -> {
            XtaProperties.Account account = accounts.get(id);
            Health.Builder health;
            try {
                boolean active = management.accountActive(account);
                health = (active ? Health.up() : Health.down()).withDetail("accountActive", active);
            } catch (RuntimeException unreachable) {
                health = Health.down().withDetail("error", String.valueOf(unreachable.getMessage()));
            }
            return health.withDetail("managementAddress", account.managementAddress())
                    .withDetail("readerIdentifier", account.readerIdentifier()).build();
        };
    }
}
