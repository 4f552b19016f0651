<?xml version="1.0" encoding="UTF-8"?>
<!-- Wraps the XBau message into the delivery contract's "uebermittlung" (wsdl/fachverfahren.wsdl). -->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:fv="urn:de:amtsbote:fachverfahren:1"
                exclude-result-prefixes="xs">
  <xsl:param name="trackingId" as="xs:string" required="yes"/>
  <xsl:param name="messageId" as="xs:string" required="yes"/>

  <xsl:template match="/*">
    <fv:uebermittlung>
      <fv:trackingId><xsl:value-of select="$trackingId"/></fv:trackingId>
      <fv:nachrichtenUUID><xsl:value-of select="$messageId"/></fv:nachrichtenUUID>
      <fv:nachrichtentyp><xsl:value-of select="tokenize(local-name(), '\.')[last()]"/></fv:nachrichtentyp>
      <fv:nachricht>
        <xsl:copy-of select="."/>
      </fv:nachricht>
    </fv:uebermittlung>
  </xsl:template>
</xsl:stylesheet>
