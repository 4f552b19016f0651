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
        if (camel.getRoute(FAILING_ROUTE) == null) {
            String address = camel.getRoute(DEMO_ROUTE).getEndpoint().getEndpointUri();
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // not auto-started: stopped between tests it does not count against Camel's readiness check
                    from(address).routeId(FAILING_ROUTE).autoStartup(false).errorHandler(noErrorHandler())
                            .process(exchange -> {
                                throw new IllegalStateException("Fachverfahren im Wartungsfenster");
                            });
                }
            });
        }
        camel.getRouteController().startRoute(FAILING_ROUTE);
    }

    void back() throws Exception {
        if (camel.getRoute(FAILING_ROUTE) != null) {
            // kept, stopped: removing it took the endpoint it shares with the demo route along (deliveries hung)
            camel.getRouteController().stopRoute(FAILING_ROUTE);
        }
        camel.getRouteController().startRoute(DEMO_ROUTE);
    }
}
