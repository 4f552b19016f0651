package de.amtsbote.operations;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;

/**
 * Real failures of the demo specialist system for the shared hub: gone (its address answers HTTP 404, a permanent
 * failure: dead letter at once) or failing (a SOAP server fault, a transient failure: the broker redelivers).
 */
final class SpecialistSystemFaults {

    static final String DEMO_ROUTE = "demo-building-authority";
    private static final String FAILING_ROUTE = "demo-building-authority-failing";

    private final CamelContext camel;

    SpecialistSystemFaults(CamelContext camel) {
        this.camel = camel;
    }

    void gone() throws Exception {
        camel.getRouteController().stopRoute(DEMO_ROUTE);
    }

    /** The same address answers every call with a SOAP server fault. */
    void failing() throws Exception {
        camel.getRouteController().stopRoute(DEMO_ROUTE);
        if (camel.getRoute(FAILING_ROUTE) != null) {
            camel.getRouteController().startRoute(FAILING_ROUTE);
            return;
        }
        String address = camel.getRoute(DEMO_ROUTE).getEndpoint().getEndpointUri();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(address).routeId(FAILING_ROUTE).errorHandler(noErrorHandler())
                        .process(exchange -> {
                            throw new IllegalStateException("Fachverfahren im Wartungsfenster");
                        });
            }
        });
    }

    void back() throws Exception {
        if (camel.getRoute(FAILING_ROUTE) != null) {
            camel.getRouteController().stopRoute(FAILING_ROUTE); // kept, stopped: removing it would take the shared endpoint along
        }
        camel.getRouteController().startRoute(DEMO_ROUTE);
    }
}
