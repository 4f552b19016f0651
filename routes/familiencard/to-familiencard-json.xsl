<?xml version="1.0" encoding="UTF-8"?>
<!--
  XFamiliencard 1.0 (familiencard.antrag.0100, familiencard.antragGeaendert.0101) to the JSON the Familiencard
  office's REST system takes: one object per message with the hub's trackingId and the message's UUID, the
  applicant, the household's Stuttgart address, the children (one card each) and the entitlement ground.
  Optional XML elements that are absent are left out of the JSON (no nulls). Strings are whitespace-normalised.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:map="http://www.w3.org/2005/xpath-functions/map"
                xmlns:xfc="urn:de:stuttgart:xfamiliencard:1.0"
                xmlns:fc="urn:de:amtsbote:mapping:familiencard"
                exclude-result-prefixes="#all">
  <!-- XDM maps have no order: Saxon-HE writes the keys in its own (stable) hash order; the receiver reads by key -->
  <xsl:output method="json" indent="yes"/>

  <xsl:param name="trackingId" as="xs:string" required="yes"/>
  <xsl:param name="messageId" as="xs:string" required="yes"/>

  <xsl:template match="/">
    <xsl:apply-templates select="xfc:familiencard.antrag.0100 | xfc:familiencard.antragGeaendert.0101"/>
  </xsl:template>

  <xsl:template match="xfc:familiencard.antrag.0100 | xfc:familiencard.antragGeaendert.0101">
    <xsl:variable name="identifikation" select="nachrichtenkopf.g2g/identifikation.nachricht"/>
    <xsl:sequence select="map:merge((
        map { 'trackingId': $trackingId },
        map { 'messageId': $messageId },
        (: the type the hub routed by: the root element's number, as in the ebauantrag mapping :)
        map { 'nachrichtentyp': tokenize(local-name(), '\.')[last()] },
        map { 'antragsart': if (self::xfc:familiencard.antrag.0100) then 'ANTRAG' else 'AENDERUNG' },
        map { 'test': exists(@test) },
        map { 'erstelltAm': string($identifikation/erstellungszeitpunkt) },
        fc:entry('referenzAntragsservice', xfc:referenzAntragsservice/xfc:referenzAntragsservice),
        if (xfc:bezug) then map { 'bezug': map:merge((
            fc:entry('referenz', xfc:bezug/xfc:referenz),
            fc:entry('vorgang', xfc:bezug/xfc:vorgang))) } else (),
        fc:entry('familiencardNummer', xfc:familiencardNummer),
        fc:entry('aenderungsgrund', xfc:aenderungsgrund),
        map { 'antragsteller': fc:antragsteller(xfc:antragsteller) },
        map { 'anschrift': fc:anschrift(xfc:anschrift) },
        map { 'kinder': array { xfc:kinder/xfc:kind ! fc:kind(.) } },
        map { 'anspruchsgrundlage': map {
            'code': normalize-space(xfc:anspruch/xfc:anspruchsgrundlage/code),
            'listVersionID': string(xfc:anspruch/xfc:anspruchsgrundlage/@listVersionID) } },
        fc:entry('bewilligtBis', xfc:anspruch/xfc:bewilligtBis),
        if (xfc:anspruch/xfc:jahreseinkommenHaushalt)
          then map { 'jahreseinkommenHaushalt': xs:integer(xfc:anspruch/xfc:jahreseinkommenHaushalt) } else (),
        if (xfc:bankverbindung) then map { 'bankverbindung': map:merge((
            fc:entry('kontoinhaber', xfc:bankverbindung/xfc:kontoinhaber),
            fc:entry('iban', xfc:bankverbindung/xfc:iban),
            fc:entry('bic', xfc:bankverbindung/xfc:bic))) } else (),
        if (xfc:einwilligungDatenabgleich)
          then map { 'einwilligungDatenabgleich': xs:boolean(xfc:einwilligungDatenabgleich) } else ()
      ))"/>
  </xsl:template>

  <!-- one string entry, or nothing when the element is absent -->
  <xsl:function name="fc:entry" as="map(xs:string, xs:string)?">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="value" as="element()?"/>
    <xsl:sequence select="if ($value) then map { $key: normalize-space($value) } else ()"/>
  </xsl:function>

  <xsl:function name="fc:antragsteller" as="map(*)">
    <xsl:param name="person" as="element(xfc:antragsteller)"/>
    <xsl:sequence select="map:merge((
        fc:name($person/xfc:name),
        fc:entry('geburtsdatum', $person/xfc:geburtsdatum),
        fc:entry('telefon', $person/xfc:kommunikation/xfc:telefon),
        fc:entry('email', $person/xfc:kommunikation/xfc:email)))"/>
  </xsl:function>

  <xsl:function name="fc:kind" as="map(*)">
    <xsl:param name="kind" as="element(xfc:kind)"/>
    <xsl:sequence select="map:merge((
        fc:name($kind/xfc:name),
        fc:entry('geburtsdatum', $kind/xfc:geburtsdatum)))"/>
  </xsl:function>

  <xsl:function name="fc:name" as="map(*)*">
    <xsl:param name="name" as="element(xfc:name)"/>
    <xsl:sequence select="
        fc:entry('familienname', $name/xfc:familienname),
        fc:entry('vorname', $name/xfc:vorname),
        fc:entry('geburtsname', $name/xfc:geburtsname)"/>
  </xsl:function>

  <xsl:function name="fc:anschrift" as="map(*)">
    <xsl:param name="anschrift" as="element(xfc:anschrift)"/>
    <xsl:sequence select="map:merge((
        fc:entry('strasse', $anschrift/xfc:strasse),
        fc:entry('hausnummer', $anschrift/xfc:hausnummer),
        fc:entry('adresszusatz', $anschrift/xfc:adresszusatz),
        fc:entry('postleitzahl', $anschrift/xfc:postleitzahl),
        fc:entry('ort', $anschrift/xfc:ort),
        fc:entry('stadtbezirk', $anschrift/xfc:stadtbezirk)))"/>
  </xsl:function>
</xsl:stylesheet>
