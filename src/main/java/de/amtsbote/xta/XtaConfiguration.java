package de.amtsbote.xta;

import org.apache.camel.component.cxf.jaxws.CxfConfigurer;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.frontend.AbstractWSDLBasedEndpointFactory;
import org.apache.cxf.ws.addressing.WSAddressingFeature;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class XtaConfiguration {

    /** The CXF endpoints' configurer that names it: {@code cxfConfigurer=#xtaAddressing}. */
    static final String ADDRESSING = "xtaAddressing";

    /**
     * The endpoint URI of a call of the city's XTA server: SOAP 1.2 in the shape of the hub's XTA WSDL, payload mode,
     * MTOM, WS-Addressing, synchronous (on the caller's thread); {@code operation} is appended by the caller or
     * named here.
     */
    static String client(String address, String port, String operation) {
        return "cxf://" + address + "?wsdlURL=" + XtaPushRoute.WSDL + "&serviceName=" + XtaMessages.SERVICE
                + "&portName={" + XtaMessages.XTA + "}" + port + "&dataFormat=PAYLOAD&synchronous=true&mtomEnabled=true"
                + "&cxfConfigurer=#" + ADDRESSING + "&defaultOperationNamespace=" + XtaMessages.XTA
                + "&defaultOperationName=" + operation;
    }

    /** XTA 2 runs over WS-Addressing: every call carries wsa:Action, wsa:MessageID and wsa:To. */
    @Bean(ADDRESSING)
    CxfConfigurer xtaAddressing() {
        return new CxfConfigurer() {
            @Override
            public void configure(AbstractWSDLBasedEndpointFactory factoryBean) {
                factoryBean.getFeatures().add(new WSAddressingFeature());
            }

            @Override
            public void configureClient(Client client) {
                // the feature above is all
            }

            @Override
            public void configureServer(Server server) {
                // the feature above is all
            }
        };
    }
}
