package de.amtsbote.delivery;

import static de.amtsbote.xoev.Elements.childText;

import org.w3c.dom.Element;

/**
 * What a specialist system answered on the hub's SOAP delivery contract ({@code wsdl/fachverfahren.wsdl}):
 * {@code quittung} with {@code ergebnis} (angenommen or abgelehnt), {@code aktenzeichen} and {@code grund}.
 */
record SoapReceipt(boolean accepted, String reference, String reason) {

    static SoapReceipt from(Element quittung) {
        String result = childText(quittung, "ergebnis");
        return new SoapReceipt(!"abgelehnt".equals(result), childText(quittung, "aktenzeichen"), childText(quittung, "grund"));
    }

    String describe(String destination, int attempt) {
        String outcome = accepted ? "accepted" : "rejected";
        return "Delivered to " + destination + " (attempt " + attempt + "): " + outcome
                + (reference == null ? "" : ", reference " + reference)
                + (reason == null ? "" : ", reason: " + reason);
    }
}
