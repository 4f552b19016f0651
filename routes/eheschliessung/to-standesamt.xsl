<?xml version="1.0" encoding="UTF-8"?>
<!--
  Anmeldung einer Eheschließung (XPersonenstand 25.11, portal2StA.Ehe.082021) to the registry office's legacy
  case: <case type="Eheanmeldung"> with one <field name="…"> per value, named by flat dotted paths; the hub
  adds trackingId and messageId and writes the legacy shape (output: legacy-xml).
  Conventions: absent or empty values produce no field; repeated values get a suffix from the second one on
  (partner1.staatsangehoerigkeit, partner1.staatsangehoerigkeit.2); code values are passed on as codes.
  partner1/partner2 follow the order of angabenEheschliessende in the message.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:xps="http://xpsw.domap.de/xpsw2511"
                xmlns:f="urn:de:amtsbote:mapping:eheschliessung"
                exclude-result-prefixes="#all"
                expand-text="yes">

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <!-- Required by the hub's mapping convention; the hub itself puts them into the legacy case. -->
  <xsl:param name="trackingId" as="xs:string" required="yes"/>
  <xsl:param name="messageId" as="xs:string" required="yes"/>

  <!-- Contact channel (urn:de:xoev:codeliste:erreichbarkeit, version 3) to field name; others become "kontakt". -->
  <xsl:variable name="kanalFeld" as="map(xs:string, xs:string)"
                select="map { '01': 'email', '02': 'telefon', '03': 'mobil', '04': 'fax', '08': 'demail', '09': 'web' }"/>

  <xsl:template match="/xps:portal2StA.Ehe.082021">
    <xsl:variable name="kopf" select="nachrichtenkopf.g2g"/>
    <case type="Eheanmeldung">
      <xsl:for-each select="xps:angabenEheschliessende">
        <xsl:call-template name="partner">
          <xsl:with-param name="p" select="'partner' || position()"/>
        </xsl:call-template>
      </xsl:for-each>

      <!-- Wished dates and times are lists of up to three each; their positions belong together. -->
      <xsl:variable name="termine" select="xps:wunschtermin"/>
      <xsl:variable name="zeiten" select="xps:wunschzeit"/>
      <xsl:for-each select="1 to max((count($termine), count($zeiten)))">
        <xsl:variable name="suffix" select="if (. eq 1) then '' else '.' || ."/>
        <xsl:sequence select="f:field('eheschliessung.wunschtermin' || $suffix, $termine[current()])"/>
        <xsl:sequence select="f:field('eheschliessung.wunschzeit' || $suffix, $zeiten[current()])"/>
      </xsl:for-each>
      <xsl:sequence select="f:field('eheschliessung.wunschort', xps:wunschort)"/>
      <xsl:sequence select="f:field('eheschliessung.wunschraum', xps:wunschraum)"/>
      <xsl:sequence select="f:field('eheschliessung.gemeinsamerFamilienname', xps:gemeinsamerFamilienname)"/>
      <xsl:sequence select="f:field('eheschliessung.anzahlGemeinsamerKinder', xps:anzahlGemeinsamerKinder)"/>

      <xsl:sequence select="f:field('bescheinigung.namenEhegatte1', xps:bescheinigungsanforderung/xps:anzahlBescheinigungNamenEhegatte1)"/>
      <xsl:sequence select="f:field('bescheinigung.namenEhegatte2', xps:bescheinigungsanforderung/xps:anzahlBescheinigungNamenEhegatte2)"/>
      <xsl:sequence select="f:field('bescheinigung.namenEhegatten', xps:bescheinigungsanforderung/xps:anzahlBescheinigungNamenEhegatten)"/>

      <!-- The registry office the portal addressed (header reader) and the portal's own case number. -->
      <xsl:sequence select="f:field('standesamt', $kopf/leser/name)"/>
      <xsl:sequence select="f:field('standesamt.kennung', $kopf/leser/kennung)"/>
      <xsl:sequence select="f:field('referenz', xps:bearbeitungsnummer)"/>

      <xsl:sequence select="f:field('antrag.portal', $kopf/autor/name)"/>
      <xsl:sequence select="f:field('antrag.erstellt', $kopf/identifikation.nachricht/erstellungszeitpunkt)"/>
      <xsl:if test="exists(@test)">
        <field name="antrag.test">true</field>
      </xsl:if>

      <!-- Attachments travel beside the XML; the case names them so the office can match the files. -->
      <xsl:for-each select="xps:anhang">
        <xsl:sequence select="f:field('anlage.' || position() || '.dokumentart', xps:dokumentart)"/>
        <xsl:sequence select="f:field('anlage.' || position() || '.dokumentid', xps:dokumentid)"/>
      </xsl:for-each>
    </case>
  </xsl:template>

  <!-- Only 082021 is mapped; anything else is a configuration error, not a message to pass on half-mapped. -->
  <xsl:template match="/*" priority="-1">
    <xsl:message terminate="yes" error-code="f:unsupported">to-standesamt.xsl maps portal2StA.Ehe.082021 only, not {local-name()}</xsl:message>
  </xsl:template>

  <!-- One Eheschließende(r), context: xps:angabenEheschliessende. -->
  <xsl:template name="partner">
    <xsl:param name="p" as="xs:string"/>
    <xsl:sequence select="f:field($p || '.familienname', xps:familienname)"/>
    <xsl:sequence select="f:field($p || '.geburtsname', xps:geburtsname)"/>
    <xsl:sequence select="f:field($p || '.vornamen', xps:vornamen)"/>
    <xsl:sequence select="f:field($p || '.geburtsdatum', xps:geburtsdatum)"/>
    <xsl:sequence select="f:field($p || '.geburtsort', xps:geburtsort)"/>
    <xsl:sequence select="f:field($p || '.geburtsstaat', xps:geburtsstaat)"/>
    <xsl:sequence select="f:field($p || '.geschlecht', xps:geschlecht/code)"/>
    <xsl:sequence select="f:fields($p || '.staatsangehoerigkeit', xps:staatsangehoerigkeit)"/>
    <!-- familienstand: a code (wrapper xps:code) or, exceptionally, a value not on the list. -->
    <xsl:sequence select="f:field($p || '.familienstand', (xps:familienstand/xps:code/code, xps:familienstand/xps:nichtGelisteterWert)[1])"/>
    <xsl:sequence select="f:field($p || '.anzahlVorehen', xps:anzahlVorehen)"/>
    <xsl:sequence select="f:field($p || '.anzahlVorherigeLP', xps:anzahlVorherigeLP)"/>
    <xsl:sequence select="f:field($p || '.letzteEheLPInDeutschland', xps:letzteEheLPInDeutschland)"/>

    <xsl:sequence select="f:field($p || '.anschrift.strasse', xps:anschrift/xps:strasse)"/>
    <xsl:sequence select="f:field($p || '.anschrift.plz', xps:anschrift/xps:plz)"/>
    <xsl:sequence select="f:field($p || '.anschrift.ort', xps:anschrift/xps:ort)"/>
    <xsl:sequence select="f:field($p || '.anschrift.ortsteil', xps:anschrift/xps:ortsteil)"/>
    <xsl:sequence select="f:field($p || '.anschrift.staat', xps:anschrift/xps:staat)"/>

    <!-- Contacts by channel: partner1.email, partner1.mobil, a second e-mail address as partner1.email.2 … -->
    <xsl:for-each-group select="xps:kontaktdaten" group-by="($kanalFeld(string(kanal/code)), 'kontakt')[1]">
      <xsl:sequence select="f:fields($p || '.' || current-grouping-key(), current-group()/kennung)"/>
    </xsl:for-each-group>

    <!-- Finding the birth entry: either the district of the birthplace or the entry from the birth certificate. -->
    <xsl:variable name="eintrag" select="xps:geburtsstandesamt/xps:registereintrag"/>
    <xsl:sequence select="f:field($p || '.geburtsstandesamt.kreis', xps:geburtsstandesamt/xps:kreis)"/>
    <xsl:sequence select="f:field($p || '.geburtsstandesamt', string-join(($eintrag/xps:behoerdenname/xps:behoerdeFunktion, $eintrag/xps:behoerdenname/xps:behoerdeName), ' '))"/>
    <xsl:sequence select="f:field($p || '.geburtsstandesamt.nummer', ($eintrag/xps:standesamtsnummer/xps:code/code, $eintrag/xps:standesamtsnummer/xps:nichtGelisteterWert)[1])"/>
    <xsl:sequence select="f:field($p || '.geburtseintrag.jahr', $eintrag/xps:erstbeurkundungsjahr)"/>
    <xsl:sequence select="f:field($p || '.geburtseintrag.nummer', $eintrag/xps:eintragsnummer)"/>

    <xsl:sequence select="f:field($p || '.namensfuehrung', xps:namensfuehrung/code)"/>
    <xsl:sequence select="f:field($p || '.dolmetscher', xps:dolmetscher)"/>
    <xsl:sequence select="f:field($p || '.geschaeftsfaehig', xps:geschaeftsfaehig)"/>
    <xsl:sequence select="f:field($p || '.nichtVerwandt', xps:nichtVerwandt)"/>
    <xsl:sequence select="f:field($p || '.angabenRichtigVollstaendig', xps:angabenRichtigVollstaendig)"/>
    <xsl:sequence select="f:field($p || '.kostenAbruf', xps:kostenAbruf)"/>
  </xsl:template>

  <!-- A field with the whitespace-normalized value; nothing for an absent or empty value. -->
  <xsl:function name="f:field" as="element(field)?">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="value" as="item()?"/>
    <xsl:variable name="text" select="normalize-space(string($value))"/>
    <xsl:if test="$text ne ''">
      <field name="{$name}">{$text}</field>
    </xsl:if>
  </xsl:function>

  <!-- Repeated values: the first under the name, the following ones as name.2, name.3, … -->
  <xsl:function name="f:fields" as="element(field)*">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="values" as="item()*"/>
    <xsl:variable name="texts" select="$values ! normalize-space(string(.))[. ne '']"/>
    <xsl:for-each select="$texts">
      <xsl:sequence select="f:field(if (position() eq 1) then $name else $name || '.' || position(), .)"/>
    </xsl:for-each>
  </xsl:function>
</xsl:stylesheet>
