<?xml version="1.0" encoding="UTF-8"?>
<!-- The JSON a REST specialist system takes in the protocol tests. -->
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xsl:param name="trackingId" as="xs:string" required="yes"/>
  <xsl:param name="messageId" as="xs:string" required="yes"/>
  <xsl:output method="json"/>
  <xsl:template match="/*">
    <xsl:sequence select="map { 'trackingId': $trackingId, 'messageId': $messageId, 'inhalt': string(*:inhalt) }"/>
  </xsl:template>
</xsl:stylesheet>
